package dev.meerkat.c2s;

import dev.meerkat.xml.Element;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The XEP-0198 counters of one session and the stanzas it sent that the client has not yet
 * acknowledged. Touched only on the session's executor; handed whole to the session that resumes it.
 */
final class SmState {
    private static final long MOD = 1L << 32;

    /** A stanza written (or, while detached, meant) for the client, with when it was. */
    record Unacked(Element stanza, Instant at) {}

    final String id;          // null: acks only, not resumable
    private long handledIn;   // stanzas received from the client and handled (its 'h' from us)
    private long sent;        // stanzas counted out since enable
    private long unasked;     // sent since our last <r/>
    private final ArrayDeque<Unacked> unacked = new ArrayDeque<>();

    SmState(String id) { this.id = id; }

    boolean resumable() { return id != null; }

    void handled() { handledIn++; }

    /** Our 'h': handled inbound stanzas, mod 2^32 as the XEP counts. */
    long h() { return handledIn % MOD; }

    void sent(Element stanza, Instant at) {
        sent++;
        unasked++;
        unacked.add(new Unacked(stanza, at));
    }

    int unackedCount() { return unacked.size(); }

    long sentCount() { return sent % MOD; }

    /** True (and the counter reset) if at least {@code freq} stanzas went out since the last request. */
    boolean ackDue(int freq) {
        if (unasked == 0 || unasked < freq) return false;
        unasked = 0;
        return true;
    }

    /**
     * The client handled stanzas up to {@code h} (mod 2^32): drops them from the queue. False, with
     * nothing dropped, if {@code h} counts more stanzas than were sent.
     */
    boolean acked(long h) {
        long ackedSoFar = (sent - unacked.size()) % MOD;
        long newly = Math.floorMod(h - ackedSoFar, MOD);
        if (newly > unacked.size()) return false;
        for (long i = 0; i < newly; i++) unacked.poll();
        return true;
    }

    List<Unacked> unacked() { return List.copyOf(unacked); }

    List<Unacked> drain() {
        List<Unacked> all = List.copyOf(unacked);
        unacked.clear();
        return all;
    }

    /** Parses an 'h' attribute: an unsigned 32-bit integer, or -1 if it is not one. */
    static long parseH(String attr) {
        if (attr == null) return -1;
        try {
            long h = Long.parseLong(attr);
            return h < 0 || h >= MOD ? -1 : h;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
