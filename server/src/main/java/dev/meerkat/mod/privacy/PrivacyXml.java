package dev.meerkat.mod.privacy;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code jabber:iq:privacy} wire format of lists and items (XEP-0016 §2, XML schema). */
public final class PrivacyXml {
    public static final String NS = "jabber:iq:privacy";
    /** Longest list name the store keeps (it is part of a key). */
    public static final int MAX_NAME_LENGTH = 250;
    /** Longest item value (JID, group name) the store keeps. */
    public static final int MAX_VALUE_LENGTH = 1024;
    private static final Set<String> SUBSCRIPTIONS = Set.of("none", "to", "from", "both");

    private PrivacyXml() {}

    /** A request the server must refuse with bad-request; the message says why. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) { super(message); }
    }

    /** Reads the items of a {@code <list/>} with at least one item. */
    public static PrivacyList parseList(Element list) {
        String name = checkName(list.attr("name"));
        List<Element> children = list.elements();
        Set<Long> orders = new HashSet<>();
        List<PrivacyItem> items = children.stream().map(PrivacyXml::parseItem).toList();
        for (PrivacyItem i : items) {
            if (!orders.add(i.order())) throw new Invalid("two items have order " + i.order());
        }
        return new PrivacyList(name, items);
    }

    public static String checkName(String name) {
        if (name == null || name.isEmpty()) throw new Invalid("a list needs a name");
        if (name.length() > MAX_NAME_LENGTH) throw new Invalid("list names are limited to " + MAX_NAME_LENGTH + " characters");
        return name;
    }

    static PrivacyItem parseItem(Element e) {
        if (!e.is("item", NS)) throw new Invalid("unexpected <" + e.name() + "/> in a list");
        String action = e.attr("action");
        boolean allow;
        if ("allow".equals(action)) allow = true;
        else if ("deny".equals(action)) allow = false;
        else throw new Invalid("action must be allow or deny");
        long order = parseOrder(e.attr("order"));
        String typeAttr = e.attr("type");
        String value = e.attr("value");
        PrivacyItem.Type type;
        if (typeAttr == null) {
            if (value != null) throw new Invalid("an item without type has no value");
            type = PrivacyItem.Type.FALL_THROUGH;
        } else {
            type = switch (typeAttr) {
                case "jid" -> PrivacyItem.Type.JID;
                case "group" -> PrivacyItem.Type.GROUP;
                case "subscription" -> PrivacyItem.Type.SUBSCRIPTION;
                default -> throw new Invalid("unknown item type " + typeAttr);
            };
            if (value == null) throw new Invalid("a " + typeAttr + " item needs a value");
            if (value.length() > MAX_VALUE_LENGTH) throw new Invalid("item values are limited to " + MAX_VALUE_LENGTH + " characters");
            if (type == PrivacyItem.Type.JID) {
                Jid jid = Jid.parseOrNull(value);
                if (jid == null) throw new Invalid("invalid JID " + value);
                value = jid.toString();
            } else if (type == PrivacyItem.Type.SUBSCRIPTION && !SUBSCRIPTIONS.contains(value)) {
                throw new Invalid("subscription must be none, to, from or both");
            }
        }
        Set<PrivacyItem.Kind> kinds = EnumSet.noneOf(PrivacyItem.Kind.class);
        for (Element child : e.elements()) {
            PrivacyItem.Kind k = PrivacyItem.Kind.ofElement(child.name());
            if (k == null || !NS.equals(child.namespace())) throw new Invalid("unknown item child <" + child.name() + "/>");
            kinds.add(k);
        }
        // All four kinds named is the same rule as none named.
        if (kinds.size() == PrivacyItem.Kind.values().length) kinds.clear();
        return new PrivacyItem(type, value, allow, order, kinds);
    }

    private static long parseOrder(String s) {
        if (s == null || s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Invalid("order must be an unsigned integer");
        }
        long order = Long.parseLong(s);
        if (order > 0xFFFF_FFFFL) throw new Invalid("order must fit in 32 bits");
        return order;
    }

    public static Element list(PrivacyList list) {
        Element.Builder b = Element.builder("list", NS).attr("name", list.name());
        for (PrivacyItem i : list.items()) b.child(item(i));
        return b.build();
    }

    static Element item(PrivacyItem i) {
        Element.Builder b = Element.builder("item", NS);
        if (i.type() != PrivacyItem.Type.FALL_THROUGH) {
            b.attr("type", i.type().name().toLowerCase(Locale.ROOT)).attr("value", i.value());
        }
        b.attr("action", i.allow() ? "allow" : "deny").attr("order", Long.toString(i.order()));
        for (PrivacyItem.Kind k : PrivacyItem.Kind.values()) {
            if (i.kinds().contains(k)) b.child(Element.of(k.element(), NS));
        }
        return b.build();
    }

    /** The list-name push of business rule 10 (also the answer shape for one list name). */
    public static Element nameOnly(String name) {
        return Element.builder("query", NS).child(Element.builder("list", NS).attr("name", name).build()).build();
    }
}
