package dev.meerkat.mod.roster;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The jabber:iq:roster wire format (RFC 6121 §2.1) and the checks of a roster set (§2.3.3, §2.5.3). */
public final class RosterXml {
    public static final String NS = "jabber:iq:roster";

    private RosterXml() {}

    /** What a valid roster set asks for. */
    public record SetRequest(Jid contact, boolean remove, String name, List<String> groups) {}

    /** An item as pushed and returned by a roster get. */
    public static Element item(RosterItem i) {
        Element.Builder b = Element.builder("item", NS).attr("jid", i.contact().toString());
        if (i.name() != null) b.attr("name", i.name());
        b.attr("subscription", i.state().subscription().xml());
        if (i.state().pendingOut()) b.attr("ask", "subscribe");
        if (i.state().preApproved()) b.attr("approved", "true");
        for (String g : i.groups()) b.textChild("group", g);
        return b.build();
    }

    /** The item of a push announcing a removal (§2.5.2). */
    public static Element removed(Jid contact) {
        return Element.builder("item", NS).attr("jid", contact.toString()).attr("subscription", "remove").build();
    }

    public static Element query(String ver, List<Element> items) {
        Element.Builder b = Element.builder("query", NS);
        if (ver != null) b.attr("ver", ver);
        items.forEach(b::child);
        return b.build();
    }

    /**
     * Checks a roster set's query. The 'subscription' attribute counts only as "remove"; any other
     * value is ignored, as are 'ask' and 'approved' (§2.1.2: the server ignores them in a set).
     *
     * @throws StanzaException bad-request or not-acceptable naming the violation
     */
    public static SetRequest parseSet(Element query, Jid owner) {
        List<Element> items = query.children("item", NS);
        if (items.size() != 1) throw new StanzaException(StanzaError.BAD_REQUEST, "a roster set carries exactly one item");
        Element item = items.get(0);
        Jid contact = Jid.parseOrNull(item.attr("jid"));
        if (contact == null) throw new StanzaException(StanzaError.BAD_REQUEST, "the item needs a valid 'jid'");
        if (!contact.isBare()) throw new StanzaException(StanzaError.BAD_REQUEST, "roster items are bare JIDs");
        if (contact.equals(owner.bare())) throw new StanzaException(StanzaError.BAD_REQUEST, "you cannot add yourself to your roster");
        if (contact.toString().length() > RosterStore.MAX_CONTACT_LENGTH) {
            throw new StanzaException(StanzaError.NOT_ACCEPTABLE, "the JID is longer than " + RosterStore.MAX_CONTACT_LENGTH + " characters");
        }
        if ("remove".equals(item.attr("subscription"))) return new SetRequest(contact, true, null, List.of());
        String name = item.attr("name");
        if (name != null && name.length() > RosterStore.MAX_TEXT_LENGTH) {
            throw new StanzaException(StanzaError.NOT_ACCEPTABLE, "the name is longer than " + RosterStore.MAX_TEXT_LENGTH + " characters");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (Element g : item.children("group", NS)) {
            String text = g.text();
            if (text.isEmpty()) throw new StanzaException(StanzaError.NOT_ACCEPTABLE, "a group name is empty");
            if (text.length() > RosterStore.MAX_TEXT_LENGTH) {
                throw new StanzaException(StanzaError.NOT_ACCEPTABLE, "a group name is longer than " + RosterStore.MAX_TEXT_LENGTH + " characters");
            }
            if (!groups.add(text)) throw new StanzaException(StanzaError.BAD_REQUEST, "duplicate group " + text);
        }
        return new SetRequest(contact, false, name == null || name.isEmpty() ? null : name, new ArrayList<>(groups));
    }
}
