package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An account's archiving preferences (XEP-0441): a default and JIDs always or never archived.
 * Listed JIDs are compared as bare JIDs, as ejabberd and MongooseIM do.
 */
public record ArchivePrefs(Mode mode, Set<Jid> always, Set<Jid> never) {
    public enum Mode {
        ALWAYS, NEVER, ROSTER;

        public String wire() { return name().toLowerCase(Locale.ROOT); }

        /** @throws IllegalArgumentException for anything but always, never, roster */
        public static Mode fromWire(String s) {
            return switch (s == null ? "" : s) {
                case "always" -> ALWAYS;
                case "never" -> NEVER;
                case "roster" -> ROSTER;
                default -> throw new IllegalArgumentException("unknown default mode '" + s + "'");
            };
        }
    }

    public ArchivePrefs {
        always = Collections.unmodifiableSet(new TreeSet<>(always));
        never = Collections.unmodifiableSet(new TreeSet<>(never));
    }

    public static ArchivePrefs of(Mode mode) {
        return new ArchivePrefs(mode, Set.of(), Set.of());
    }

    /** What the lists say about the contact: true/false, or null when the default decides. */
    public Boolean listed(Jid contact) {
        Jid bare = contact.bare();
        // never wins when a JID is on both lists: the safer reading for privacy
        if (never.contains(bare)) return Boolean.FALSE;
        if (always.contains(bare)) return Boolean.TRUE;
        return null;
    }

    public Element toElement() {
        return Element.builder("prefs", MamNs.MAM).attr("default", mode.wire())
                .child(list("always", always)).child(list("never", never)).build();
    }

    private static Element list(String name, Set<Jid> jids) {
        Element.Builder b = Element.builder(name, MamNs.MAM);
        for (Jid j : jids) b.child(Element.builder("jid", MamNs.MAM).text(j.toString()).build());
        return b.build();
    }

    /**
     * Reads a {@code <prefs/>} set request.
     *
     * @throws IllegalArgumentException if the default or a JID is invalid
     */
    public static ArchivePrefs parse(Element prefs) {
        Mode mode = Mode.fromWire(prefs.attr("default"));
        return new ArchivePrefs(mode, jids(prefs, "always"), jids(prefs, "never"));
    }

    private static Set<Jid> jids(Element prefs, String listName) {
        List<Jid> out = new ArrayList<>();
        for (Element list : prefs.children(listName, prefs.namespace())) {
            for (Element j : list.children("jid", prefs.namespace())) {
                Jid jid = Jid.parseOrNull(j.text().trim());
                if (jid == null) throw new IllegalArgumentException("invalid JID '" + j.text() + "' in <" + listName + "/>");
                if (jid.toString().length() > ArchiveStore.MAX_JID_LENGTH) throw new IllegalArgumentException("JID too long");
                out.add(jid.bare());
            }
        }
        return new TreeSet<>(out);
    }
}
