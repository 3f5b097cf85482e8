package dev.meerkat.mod.privacy;

import java.util.EnumSet;
import java.util.Set;

/**
 * One rule of a privacy list (XEP-0016 §2).
 *
 * @param type  what the rule looks at; {@link Type#FALL_THROUGH} matches every entity
 * @param value the JID (normalised), group name or subscription ({@code none|to|from|both});
 *              null for a fall-through item
 * @param allow the action: true for allow, false for deny
 * @param order the position of the rule, unique within its list (an unsigned 32-bit number)
 * @param kinds the stanza kinds the rule applies to; empty means every stanza, both directions
 */
public record PrivacyItem(Type type, String value, boolean allow, long order, Set<Kind> kinds) {
    /** The 'type' attribute; a fall-through item has none. */
    public enum Type { JID, GROUP, SUBSCRIPTION, FALL_THROUGH }

    /** The child elements that restrict a rule to some stanzas. */
    public enum Kind {
        MESSAGE("message"), IQ("iq"), PRESENCE_IN("presence-in"), PRESENCE_OUT("presence-out");

        private final String element;

        Kind(String element) { this.element = element; }

        public String element() { return element; }

        public static Kind ofElement(String name) {
            for (Kind k : values()) if (k.element.equals(name)) return k;
            return null;
        }
    }

    public PrivacyItem {
        if (type == null) throw new IllegalArgumentException("type is required");
        if ((type == Type.FALL_THROUGH) != (value == null)) throw new IllegalArgumentException("a value goes with a type");
        if (order < 0 || order > 0xFFFF_FFFFL) throw new IllegalArgumentException("order out of range: " + order);
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    }

    /** True when the rule applies to every kind of stanza ("Blocking All Communication", §2.14). */
    public boolean appliesToAll() { return kinds.isEmpty(); }

    /** A deny-everything rule for one JID: what a XEP-0191 block is stored as. */
    public static PrivacyItem blockJid(String jid, long order) {
        return new PrivacyItem(Type.JID, jid, false, order, Set.of());
    }

    /** True if this is a deny-everything rule for a JID, i.e. an entry of the XEP-0191 blocklist. */
    public boolean isBlock() {
        return type == Type.JID && !allow && kinds.isEmpty();
    }
}
