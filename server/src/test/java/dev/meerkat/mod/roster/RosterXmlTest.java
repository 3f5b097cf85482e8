package dev.meerkat.mod.roster;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RosterXmlTest {
    private static final Jid OWNER = Jid.parse("juliet@example.com");

    private static Element query(Element... items) {
        return Element.builder("query", RosterXml.NS).children(List.of(items)).build();
    }

    private static Element item(String jid, String name, String... groups) {
        Element.Builder b = Element.builder("item", RosterXml.NS).attr("jid", jid).attr("name", name);
        for (String g : groups) b.child(Element.builder("group", RosterXml.NS).text(g).build());
        return b.build();
    }

    private static StanzaError errorOf(Element query) {
        return catchThrowableOfType(StanzaException.class, () -> RosterXml.parseSet(query, OWNER)).error();
    }

    @Test
    void aValidSetKeepsNameAndGroupsInOrder() {
        RosterXml.SetRequest r = RosterXml.parseSet(query(item("nurse@example.com", "Nurse", "Servants", "Capulets")), OWNER);
        assertThat(r.contact()).isEqualTo(Jid.parse("nurse@example.com"));
        assertThat(r.remove()).isFalse();
        assertThat(r.name()).isEqualTo("Nurse");
        assertThat(r.groups()).containsExactly("Servants", "Capulets");
    }

    @Test
    void removeIgnoresEverythingElseAndOtherSubscriptionValuesAreIgnored() {
        Element remove = item("nurse@example.com", "Nurse").withAttr("subscription", "remove");
        assertThat(RosterXml.parseSet(query(remove), OWNER).remove()).isTrue();
        Element both = item("nurse@example.com", null).withAttr("subscription", "both").withAttr("ask", "subscribe");
        assertThat(RosterXml.parseSet(query(both), OWNER).remove()).isFalse();
    }

    @Test
    void violationsGetTheErrorsOfRfc6121() {
        assertThat(errorOf(query())).isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(errorOf(query(item("a@example.com", null), item("b@example.com", null)))).isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(errorOf(query(item("juliet@example.com", null)))).isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(errorOf(query(item("a@example.com/res", null)))).isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(errorOf(query(item("@@", null)))).isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(errorOf(query(item("a@example.com", null, "G", "G")))).isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(errorOf(query(item("a@example.com", null, "")))).isEqualTo(StanzaError.NOT_ACCEPTABLE);
        assertThat(errorOf(query(item("a@example.com", null, "g".repeat(1025))))).isEqualTo(StanzaError.NOT_ACCEPTABLE);
        assertThat(errorOf(query(item("a@example.com", "n".repeat(1025))))).isEqualTo(StanzaError.NOT_ACCEPTABLE);
    }

    @Test
    void itemsCarryStateAttributes() {
        SubState s = new SubState(Subscription.TO, true, true, true);
        Element e = RosterXml.item(new RosterItem(Jid.parse("a@example.com"), "A", List.of("G"), s, "hi", false));
        assertThat(e.attr("subscription")).isEqualTo("to");
        assertThat(e.attr("ask")).isEqualTo("subscribe");
        assertThat(e.attr("approved")).isEqualTo("true");
        assertThat(e.childText("group", RosterXml.NS)).contains("G");
        assertThat(RosterXml.removed(Jid.parse("a@example.com")).attr("subscription")).isEqualTo("remove");
    }
}
