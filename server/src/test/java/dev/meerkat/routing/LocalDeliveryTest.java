package dev.meerkat.routing;

import dev.meerkat.jid.Jid;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6121 §8.5 delivery rules, one test per rule. */
class LocalDeliveryTest {
    record Ref(Jid jid, int priority, boolean available) implements SessionRef {
        @Override public String node() { return "n"; }

        @Override public void deliver(Stanza stanza) { }
    }

    private static Ref session(String full, int priority, boolean available) {
        return new Ref(Jid.parse(full), priority, available);
    }

    private static Stanza message(String to, String type) {
        return Stanza.of(Element.builder("message", Ns.CLIENT).attr("to", to).attr("from", "x@other.lit/r").attr("type", type).build());
    }

    private static Stanza presence(String to, String type) {
        return Stanza.of(Element.builder("presence", Ns.CLIENT).attr("to", to).attr("from", "x@other.lit/r").attr("type", type).build());
    }

    private static Stanza iq(String to, String type) {
        return Stanza.of(Element.builder("iq", Ns.CLIENT).attr("to", to).attr("from", "x@other.lit/r").attr("type", type)
                .attr("id", "1").child(Element.of("query", "urn:x")).build());
    }

    private static List<SessionRef> delivered(LocalDelivery.Decision d) {
        assertThat(d).isInstanceOf(LocalDelivery.Decision.Deliver.class);
        return ((LocalDelivery.Decision.Deliver) d).sessions();
    }

    private final Ref high = session("juliet@capulet.lit/balcony", 5, true);
    private final Ref low = session("juliet@capulet.lit/chamber", 1, true);
    private final Ref tie = session("juliet@capulet.lit/garden", 5, true);
    private final Ref negative = session("juliet@capulet.lit/bot", -1, true);
    private final Ref unavailable = session("juliet@capulet.lit/quiet", 10, false);

    @Test
    void noSuchUserBouncesMessagesAndIqRequestsButIgnoresPresenceAndErrors() {
        assertThat(LocalDelivery.noSuchUser(message("nobody@capulet.lit", "chat"))).isInstanceOf(LocalDelivery.Decision.Bounce.class);
        assertThat(LocalDelivery.noSuchUser(message("nobody@capulet.lit", "headline"))).isInstanceOf(LocalDelivery.Decision.Ignore.class);
        assertThat(LocalDelivery.noSuchUser(message("nobody@capulet.lit", "error"))).isInstanceOf(LocalDelivery.Decision.Ignore.class);
        assertThat(LocalDelivery.noSuchUser(presence("nobody@capulet.lit", null))).isInstanceOf(LocalDelivery.Decision.Ignore.class);
        assertThat(LocalDelivery.noSuchUser(iq("nobody@capulet.lit", "get"))).isInstanceOf(LocalDelivery.Decision.Bounce.class);
        assertThat(LocalDelivery.noSuchUser(iq("nobody@capulet.lit", "result"))).isInstanceOf(LocalDelivery.Decision.Ignore.class);
    }

    @Test
    void chatToBareJidGoesToEveryResourceWithTheHighestNonNegativePriority() {
        assertThat(delivered(LocalDelivery.decide(message("juliet@capulet.lit", "chat"), List.of(high, low, tie, negative, unavailable))))
                .containsExactlyInAnyOrder(high, tie);
    }

    @Test
    void normalToBareJidFollowsTheSameRule() {
        assertThat(delivered(LocalDelivery.decide(message("juliet@capulet.lit", "normal"), List.of(low, high)))).containsExactly(high);
    }

    @Test
    void headlineToBareJidGoesToEveryNonNegativeAvailableResource() {
        assertThat(delivered(LocalDelivery.decide(message("juliet@capulet.lit", "headline"), List.of(high, low, negative, unavailable))))
                .containsExactlyInAnyOrder(high, low);
    }

    @Test
    void chatWithOnlyNegativeOrUnavailableResourcesGoesOffline() {
        assertThat(LocalDelivery.decide(message("juliet@capulet.lit", "chat"), List.of(negative, unavailable)))
                .isInstanceOf(LocalDelivery.Decision.Offline.class);
        assertThat(LocalDelivery.decide(message("juliet@capulet.lit", "chat"), List.of())).isInstanceOf(LocalDelivery.Decision.Offline.class);
    }

    @Test
    void groupchatToABareUserJidBounces() {
        assertThat(LocalDelivery.decide(message("juliet@capulet.lit", "groupchat"), List.of(high))).isInstanceOf(LocalDelivery.Decision.Bounce.class);
    }

    @Test
    void fullJidWithAMatchingSessionIsDeliveredEvenIfNegativeOrUnavailable() {
        assertThat(delivered(LocalDelivery.decide(message("juliet@capulet.lit/bot", "chat"), List.of(high, negative)))).containsExactly(negative);
        assertThat(delivered(LocalDelivery.decide(iq("juliet@capulet.lit/quiet", "get"), List.of(unavailable)))).containsExactly(unavailable);
    }

    @Test
    void chatToAGoneFullJidFallsBackToTheBareJid() {
        assertThat(delivered(LocalDelivery.decide(message("juliet@capulet.lit/gone", "chat"), List.of(high, low)))).containsExactly(high);
    }

    @Test
    void headlineAndGroupchatToAGoneFullJidAreNotRedirected() {
        assertThat(LocalDelivery.decide(message("juliet@capulet.lit/gone", "headline"), List.of(high))).isInstanceOf(LocalDelivery.Decision.Ignore.class);
        assertThat(LocalDelivery.decide(message("juliet@capulet.lit/gone", "groupchat"), List.of(high))).isInstanceOf(LocalDelivery.Decision.Bounce.class);
    }

    @Test
    void presenceToAGoneFullJidIsIgnoredAndIqRequestsBounce() {
        assertThat(LocalDelivery.decide(presence("juliet@capulet.lit/gone", null), List.of(high))).isInstanceOf(LocalDelivery.Decision.Ignore.class);
        assertThat(LocalDelivery.decide(iq("juliet@capulet.lit/gone", "get"), List.of(high))).isInstanceOf(LocalDelivery.Decision.Bounce.class);
        assertThat(LocalDelivery.decide(iq("juliet@capulet.lit/gone", "result"), List.of(high))).isInstanceOf(LocalDelivery.Decision.Ignore.class);
    }

    @Test
    void presenceToBareJidGoesToAllAvailableResources() {
        assertThat(delivered(LocalDelivery.decide(presence("juliet@capulet.lit", null), List.of(high, negative, unavailable))))
                .containsExactlyInAnyOrder(high, negative);
    }

    @Test
    void iqRequestToBareJidIsAnsweredByTheServer() {
        assertThat(LocalDelivery.decide(iq("juliet@capulet.lit", "get"), List.of(high))).isInstanceOf(LocalDelivery.Decision.ServerAnswers.class);
        assertThat(LocalDelivery.decide(iq("juliet@capulet.lit", "result"), List.of(high))).isInstanceOf(LocalDelivery.Decision.Ignore.class);
    }
}
