package dev.meerkat.mod.privacy;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.SubState;
import dev.meerkat.mod.roster.Subscription;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.StoredXml;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The XEP-0016 matching rules, on the lists of the XEP's examples. */
class PrivacyRulesTest {
    private static final Jid TYBALT = Jid.parse("tybalt@example.com/pda");
    private static final Jid JULIET = Jid.parse("juliet@example.com/balcony");
    private static final Jid NURSE = Jid.parse("nurse@example.com");

    /** Romeo's roster: Juliet both and in Friends, the nurse "to" in Servants. */
    private static final Map<Jid, RosterItem> ROSTER = Map.of(
            JULIET.bare(), item(JULIET.bare(), Subscription.BOTH, "Friends"),
            NURSE, item(NURSE, Subscription.TO, "Servants"));

    private static RosterItem item(Jid contact, Subscription s, String group) {
        return new RosterItem(contact, null, List.of(group), SubState.NONE.withSubscription(s), null, false);
    }

    private static PrivacyList list(String xml) {
        return PrivacyXml.parseList(StoredXml.parse(xml.replace("<list ", "<list xmlns='jabber:iq:privacy' ")));
    }

    private static boolean allowed(PrivacyList l, Traffic t, Jid other) {
        Supplier<Optional<RosterItem>> contact = () -> Optional.ofNullable(ROSTER.get(other.bare()));
        return PrivacyRules.allowed(l, t, other, contact);
    }

    @Test
    void publicListDeniesOneJidAndAllowsTheRest() {
        PrivacyList pub = list("<list name='public'><item type='jid' value='tybalt@example.com' action='deny' order='1'/>"
                + "<item action='allow' order='2'/></list>");
        assertThat(allowed(pub, Traffic.MESSAGE_IN, TYBALT)).isFalse();  // bare item matches every resource
        assertThat(allowed(pub, Traffic.PRESENCE_OUT, TYBALT)).isFalse();
        assertThat(allowed(pub, Traffic.OTHER, TYBALT)).isFalse();
        assertThat(allowed(pub, Traffic.MESSAGE_IN, JULIET)).isTrue();
    }

    @Test
    void privateListAllowsOnlyBothSubscriptions() {
        PrivacyList priv = list("<list name='private'><item type='subscription' value='both' action='allow' order='10'/>"
                + "<item action='deny' order='15'/></list>");
        assertThat(allowed(priv, Traffic.MESSAGE_IN, JULIET)).isTrue();
        assertThat(allowed(priv, Traffic.IQ_IN, NURSE)).isFalse();
        assertThat(allowed(priv, Traffic.MESSAGE_IN, TYBALT)).isFalse();
    }

    @Test
    void subscriptionNoneCoversPeopleOutsideTheRoster() {
        PrivacyList heuristic = list("<list name='h'><item type='subscription' value='none' action='deny' order='437'/></list>");
        assertThat(allowed(heuristic, Traffic.MESSAGE_IN, TYBALT)).isFalse();
        assertThat(allowed(heuristic, Traffic.MESSAGE_IN, NURSE)).isTrue();
    }

    @Test
    void itemsAreProcessedByOrderNotByPosition() {
        PrivacyList l = list("<list name='o'><item action='deny' order='20'/>"
                + "<item type='group' value='Friends' action='allow' order='5'/></list>");
        assertThat(allowed(l, Traffic.MESSAGE_IN, JULIET)).isTrue();
        assertThat(allowed(l, Traffic.MESSAGE_IN, NURSE)).isFalse();
    }

    @Test
    void kindsRestrictAnItemAndOtherTrafficNeedsAnAllKindsItem() {
        PrivacyList l = list("<list name='k'><item type='jid' value='tybalt@example.com' action='deny' order='1'><message/></item>"
                + "<item type='group' value='Servants' action='deny' order='2'><presence-in/></item>"
                + "<item type='jid' value='juliet@example.com' action='deny' order='3'><presence-out/><iq/></item></list>");
        assertThat(allowed(l, Traffic.MESSAGE_IN, TYBALT)).isFalse();
        assertThat(allowed(l, Traffic.IQ_IN, TYBALT)).isTrue();
        assertThat(allowed(l, Traffic.PRESENCE_IN, NURSE)).isFalse();
        assertThat(allowed(l, Traffic.MESSAGE_IN, NURSE)).isTrue();
        assertThat(allowed(l, Traffic.PRESENCE_OUT, JULIET)).isFalse();
        assertThat(allowed(l, Traffic.IQ_IN, JULIET)).isFalse();
        // subscription requests, probes, outgoing messages: only an item for everything applies
        assertThat(allowed(l, Traffic.OTHER, TYBALT)).isTrue();
        assertThat(allowed(l, Traffic.OTHER, JULIET)).isTrue();
    }

    @Test
    void noMatchingItemAllows() {
        PrivacyList l = list("<list name='n'><item type='group' value='Enemies' action='deny' order='13'/></list>");
        assertThat(allowed(l, Traffic.MESSAGE_IN, TYBALT)).isTrue();
        assertThat(allowed(null, Traffic.MESSAGE_IN, TYBALT)).isTrue();
    }

    @Test
    void jidItemsMatchAsPreciselyAsWritten() {
        Jid full = Jid.parse("juliet@example.com/balcony");
        assertThat(PrivacyRules.jidMatches(full, full)).isTrue();
        assertThat(PrivacyRules.jidMatches(full, Jid.parse("juliet@example.com/chamber"))).isFalse();
        assertThat(PrivacyRules.jidMatches(full, Jid.parse("juliet@example.com"))).isFalse();
        assertThat(PrivacyRules.jidMatches(Jid.parse("juliet@example.com"), full)).isTrue();
        assertThat(PrivacyRules.jidMatches(Jid.parse("example.com/balcony"), Jid.parse("example.com/balcony"))).isTrue();
        assertThat(PrivacyRules.jidMatches(Jid.parse("example.com/balcony"), full)).isFalse();
        assertThat(PrivacyRules.jidMatches(Jid.parse("example.com"), full)).isTrue();
        assertThat(PrivacyRules.jidMatches(Jid.parse("example.com"), Jid.parse("example.com"))).isTrue();
        assertThat(PrivacyRules.jidMatches(Jid.parse("example.com"), Jid.parse("juliet@example.org"))).isFalse();
    }

    @Test
    void theRosterIsReadOnlyWhenAGroupOrSubscriptionItemIsReached() {
        PrivacyList l = list("<list name='j'><item type='jid' value='tybalt@example.com' action='deny' order='1'/>"
                + "<item type='group' value='Friends' action='allow' order='2'/></list>");
        Supplier<Optional<RosterItem>> failing = () -> { throw new AssertionError("roster read"); };
        assertThat(PrivacyRules.allowed(l, Traffic.MESSAGE_IN, TYBALT, failing)).isFalse();
    }

    @Test
    void parsingRejectsWhatTheSchemaForbids() {
        assertThatThrownBy(() -> list("<list name='x'><item action='block' order='1'/></list>")).isInstanceOf(PrivacyXml.Invalid.class);
        assertThatThrownBy(() -> list("<list name='x'><item action='deny' order='-1'/></list>")).isInstanceOf(PrivacyXml.Invalid.class);
        assertThatThrownBy(() -> list("<list name='x'><item action='deny' order='4294967296'/></list>")).isInstanceOf(PrivacyXml.Invalid.class);
        assertThatThrownBy(() -> list("<list name='x'><item action='deny' order='1'/><item action='allow' order='1'/></list>"))
                .isInstanceOf(PrivacyXml.Invalid.class);
        assertThatThrownBy(() -> list("<list name='x'><item type='subscription' value='all' action='deny' order='1'/></list>"))
                .isInstanceOf(PrivacyXml.Invalid.class);
        assertThatThrownBy(() -> list("<list name='x'><item type='jid' action='deny' order='1'/></list>")).isInstanceOf(PrivacyXml.Invalid.class);
        assertThatThrownBy(() -> list("<list name='x'><item value='a' action='deny' order='1'/></list>")).isInstanceOf(PrivacyXml.Invalid.class);
        assertThatThrownBy(() -> list("<list name='x'><item type='jid' value='@bad' action='deny' order='1'/></list>"))
                .isInstanceOf(PrivacyXml.Invalid.class);
        assertThatThrownBy(() -> list("<list name='x'><item action='deny' order='1'><everything/></item></list>"))
                .isInstanceOf(PrivacyXml.Invalid.class);
    }

    @Test
    void listsGoBackToXmlAsTheyCame() {
        PrivacyList l = list("<list name='r'><item type='jid' value='Tybalt@Example.com' action='deny' order='3'><message/><iq/></item>"
                + "<item action='allow' order='68'/></list>");
        Element xml = PrivacyXml.list(l);
        assertThat(xml.toXml()).contains("value=\"tybalt@example.com\"").contains("<message/><iq/>");
        assertThat(PrivacyXml.parseList(xml)).isEqualTo(l);
    }
}
