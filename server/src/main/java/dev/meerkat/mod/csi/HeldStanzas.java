package dev.meerkat.mod.csi;

import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an inactive client is not sent yet, in arrival order. A newer presence from the same full
 * JID replaces the older one (only the latest state matters) and moves to the end. Used only on the
 * session's executor.
 */
final class HeldStanzas {
    private final int max;
    private final Map<Object, Stanza> held = new LinkedHashMap<>();
    private long sequence;

    HeldStanzas(int max) {
        this.max = max;
    }

    /** Holds the stanza; true if the buffer is now full and must be flushed. */
    boolean add(Stanza s) {
        Object key = s instanceof Presence p && p.from() != null ? p.from() : Long.valueOf(sequence++);
        held.remove(key);
        held.put(key, s);
        return held.size() >= max;
    }

    int size() { return held.size(); }

    /** Everything held, oldest first; the buffer is empty afterwards. */
    List<Stanza> drain() {
        List<Stanza> out = new ArrayList<>(held.values());
        held.clear();
        return out;
    }
}
