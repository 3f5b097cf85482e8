package dev.meerkat.c2s.bosh;

import java.util.concurrent.atomic.LongAdder;

/** Traffic of one BOSH endpoint, for metrics: cumulative counts, safe to read from any thread. */
public final class BoshCounters {
    final LongAdder sessionsCreated = new LongAdder();
    final LongAdder sessionsEnded = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();

    public long sessionsCreated() { return sessionsCreated.sum(); }

    public long sessionsEnded() { return sessionsEnded.sum(); }

    /** HTTP requests received on the BOSH path, preflights and refused ones included. */
    public long requests() { return requests.sum(); }

    /** Responses sent again because the client repeated a rid (XEP-0124 §14.3). */
    public long retransmissions() { return retransmissions.sum(); }

    /** Bytes of request bodies. */
    public long bytesIn() { return bytesIn.sum(); }

    /** Bytes of response bodies. */
    public long bytesOut() { return bytesOut.sum(); }
}
