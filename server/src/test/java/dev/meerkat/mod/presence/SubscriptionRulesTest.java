package dev.meerkat.mod.presence;

import dev.meerkat.mod.presence.SubscriptionRules.Kind;
import dev.meerkat.mod.presence.SubscriptionRules.Outcome;
import dev.meerkat.mod.roster.SubState;
import dev.meerkat.mod.roster.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6121 Appendix A, row by row. States are written as in the RFC: "None", "None+PO" (pending
 * out), "None+PI" (pending in), "None+PO+PI", "To", "To+PI", "From", "From+PO", "Both"; "+PA" marks
 * a pre-approval (§3.4).
 */
class SubscriptionRulesTest {

    static SubState state(String s) {
        String[] parts = s.split("\\+");
        SubState st = SubState.NONE.withSubscription(Subscription.valueOf(parts[0].toUpperCase()));
        for (int i = 1; i < parts.length; i++) {
            st = switch (parts[i]) {
                case "PO" -> st.withPendingOut(true);
                case "PI" -> st.withPendingIn(true);
                case "PA" -> st.withPreApproved(true);
                default -> throw new IllegalArgumentException(parts[i]);
            };
        }
        return st;
    }

    // A.2.1 outbound subscribe, A.2.2 outbound unsubscribe, A.2.3 outbound subscribed, A.2.4 outbound unsubscribed
    @ParameterizedTest(name = "outbound {0} in {1} -> {2}, routed={3}")
    @CsvSource({
            "SUBSCRIBE, None, None+PO, true",
            "SUBSCRIBE, None+PO, None+PO, true",
            "SUBSCRIBE, None+PI, None+PO+PI, true",
            "SUBSCRIBE, None+PO+PI, None+PO+PI, true",
            "SUBSCRIBE, To, To, true",
            "SUBSCRIBE, To+PI, To+PI, true",
            "SUBSCRIBE, From, From+PO, true",
            "SUBSCRIBE, From+PO, From+PO, true",
            "SUBSCRIBE, Both, Both, true",

            "UNSUBSCRIBE, None, None, true",
            "UNSUBSCRIBE, None+PO, None, true",
            "UNSUBSCRIBE, None+PI, None+PI, true",
            "UNSUBSCRIBE, None+PO+PI, None+PI, true",
            "UNSUBSCRIBE, To, None, true",
            "UNSUBSCRIBE, To+PI, None+PI, true",
            "UNSUBSCRIBE, From, From, true",
            "UNSUBSCRIBE, From+PO, From, true",
            "UNSUBSCRIBE, Both, From, true",

            // no pending request: not routed; with pre-approval support it is recorded (§3.4)
            "SUBSCRIBED, None, None+PA, false",
            "SUBSCRIBED, None+PO, None+PO+PA, false",
            "SUBSCRIBED, None+PI, From, true",
            "SUBSCRIBED, None+PO+PI, From+PO, true",
            "SUBSCRIBED, To, To+PA, false",
            "SUBSCRIBED, To+PI, Both, true",
            "SUBSCRIBED, From, From, false",
            "SUBSCRIBED, From+PO, From+PO, false",
            "SUBSCRIBED, Both, Both, false",

            "UNSUBSCRIBED, None, None, true",
            "UNSUBSCRIBED, None+PO, None+PO, true",
            "UNSUBSCRIBED, None+PI, None, true",
            "UNSUBSCRIBED, None+PO+PI, None+PO, true",
            "UNSUBSCRIBED, To, To, true",
            "UNSUBSCRIBED, To+PI, To, true",
            "UNSUBSCRIBED, From, None, true",
            "UNSUBSCRIBED, From+PO, None+PO, true",
            "UNSUBSCRIBED, Both, To, true",
            "UNSUBSCRIBED, None+PA, None, true",
    })
    void outbound(Kind kind, String before, String after, boolean routed) {
        Outcome o = SubscriptionRules.outbound(state(before), kind, true);
        assertThat(o.state()).isEqualTo(state(after));
        assertThat(o.forward()).isEqualTo(routed);
        assertThat(o.autoReply()).isFalse();
    }

    // A.3.1 inbound subscribe, A.3.2 inbound unsubscribe, A.3.3 inbound subscribed, A.3.4 inbound unsubscribed
    @ParameterizedTest(name = "inbound {0} in {1} -> {2}, delivered={3}, auto-reply={4}")
    @CsvSource({
            "SUBSCRIBE, None, None+PI, true, false",
            "SUBSCRIBE, None+PO, None+PO+PI, true, false",
            "SUBSCRIBE, None+PI, None+PI, false, false",
            "SUBSCRIBE, None+PO+PI, None+PO+PI, false, false",
            "SUBSCRIBE, To, To+PI, true, false",
            "SUBSCRIBE, To+PI, To+PI, false, false",
            "SUBSCRIBE, From, From, false, true",
            "SUBSCRIBE, From+PO, From+PO, false, true",
            "SUBSCRIBE, Both, Both, false, true",
            // §3.4: a pre-approved request is accepted by the server
            "SUBSCRIBE, None+PA, From, false, true",
            "SUBSCRIBE, None+PO+PA, From+PO, false, true",
            "SUBSCRIBE, To+PA, Both, false, true",

            "UNSUBSCRIBE, None, None, false, false",
            "UNSUBSCRIBE, None+PO, None+PO, false, false",
            "UNSUBSCRIBE, None+PI, None, true, false",
            "UNSUBSCRIBE, None+PO+PI, None+PO, true, false",
            "UNSUBSCRIBE, To, To, false, false",
            "UNSUBSCRIBE, To+PI, To, true, false",
            "UNSUBSCRIBE, From, None, true, false",
            "UNSUBSCRIBE, From+PO, None+PO, true, false",
            "UNSUBSCRIBE, Both, To, true, false",

            "SUBSCRIBED, None, None, false, false",
            "SUBSCRIBED, None+PO, To, true, false",
            "SUBSCRIBED, None+PI, None+PI, false, false",
            "SUBSCRIBED, None+PO+PI, To+PI, true, false",
            "SUBSCRIBED, To, To, false, false",
            "SUBSCRIBED, To+PI, To+PI, false, false",
            "SUBSCRIBED, From, From, false, false",
            "SUBSCRIBED, From+PO, Both, true, false",
            "SUBSCRIBED, Both, Both, false, false",

            "UNSUBSCRIBED, None, None, false, false",
            "UNSUBSCRIBED, None+PO, None, true, false",
            "UNSUBSCRIBED, None+PI, None+PI, false, false",
            "UNSUBSCRIBED, None+PO+PI, None+PI, true, false",
            "UNSUBSCRIBED, To, None, true, false",
            "UNSUBSCRIBED, To+PI, None+PI, true, false",
            "UNSUBSCRIBED, From, From, false, false",
            "UNSUBSCRIBED, From+PO, From, true, false",
            "UNSUBSCRIBED, Both, From, true, false",
    })
    void inbound(Kind kind, String before, String after, boolean delivered, boolean autoReply) {
        Outcome o = SubscriptionRules.inbound(state(before), kind);
        assertThat(o.state()).isEqualTo(state(after));
        assertThat(o.forward()).isEqualTo(delivered);
        assertThat(o.autoReply()).isEqualTo(autoReply);
    }

    @Test
    void withoutPreApprovalSupportAnUnsolicitedApprovalIsIgnored() {
        Outcome o = SubscriptionRules.outbound(state("None"), Kind.SUBSCRIBED, false);
        assertThat(o.state()).isEqualTo(state("None"));
        assertThat(o.forward()).isFalse();
    }

    @Test
    void approvingSendsTheUsersPresenceAndCancellingSendsUnavailable() {
        assertThat(SubscriptionRules.outbound(state("None+PI"), Kind.SUBSCRIBED, true).sendPresence()).isTrue();
        assertThat(SubscriptionRules.inbound(state("None+PA"), Kind.SUBSCRIBE).sendPresence()).isTrue();
        assertThat(SubscriptionRules.outbound(state("Both"), Kind.UNSUBSCRIBED, true).sendUnavailable()).isTrue();
        assertThat(SubscriptionRules.outbound(state("None+PI"), Kind.UNSUBSCRIBED, true).sendUnavailable()).isFalse();
        assertThat(SubscriptionRules.inbound(state("From"), Kind.UNSUBSCRIBE).sendUnavailable()).isTrue();
        assertThat(SubscriptionRules.inbound(state("To"), Kind.UNSUBSCRIBED).sendUnavailable()).isFalse();
    }

    @Test
    void kindsAreTheFourSubscriptionTypes() {
        assertThat(Kind.of("subscribe")).isEqualTo(Kind.SUBSCRIBE);
        assertThat(Kind.of("unsubscribed")).isEqualTo(Kind.UNSUBSCRIBED);
        assertThat(Kind.of(null)).isNull();
        assertThat(Kind.of("probe")).isNull();
        assertThat(Kind.of("unavailable")).isNull();
    }
}
