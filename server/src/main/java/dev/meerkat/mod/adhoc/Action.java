package dev.meerkat.mod.adhoc;

import java.util.Locale;
import java.util.Optional;

/** The actions of XEP-0050 §3.4. */
public enum Action {
    EXECUTE, NEXT, PREV, COMPLETE, CANCEL;

    public String xml() { return name().toLowerCase(Locale.ROOT); }

    /** The action named by the attribute; absent means execute; empty for an unknown name. */
    public static Optional<Action> parse(String attr) {
        if (attr == null) return Optional.of(EXECUTE);
        for (Action a : values()) if (a.xml().equals(attr)) return Optional.of(a);
        return Optional.empty();
    }
}
