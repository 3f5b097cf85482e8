package dev.meerkat.load.scenario;

import dev.meerkat.load.client.Connector;
import dev.meerkat.load.client.XmppClient;
import dev.meerkat.load.stats.ErrorCounts;
import dev.meerkat.load.stats.LatencyHistogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Brings accounts 1..N up (logged in, or registered) with at most {@code concurrency} attempts in
 * flight, and waits until each one is ready or has failed. Every attempt has its own timeout, so
 * this returns by itself.
 */
final class Ramp {
    private final Connector connector;
    private final XmppClient.Purpose purpose;
    private final int concurrency;
    private final XmppClient.Listener after;
    private final ErrorCounts errors;
    private final LatencyHistogram logins = new LatencyHistogram();
    private final List<XmppClient> ready = new ArrayList<>();

    /** @param after told about messages and failures once a client is ready (may be null) */
    Ramp(Connector connector, XmppClient.Purpose purpose, int concurrency, ErrorCounts errors, XmppClient.Listener after) {
        this.connector = connector;
        this.purpose = purpose;
        this.concurrency = Math.max(1, concurrency);
        this.errors = errors;
        this.after = after;
    }

    /** Brings up accounts 1..users; returns the ready clients, in no particular order. */
    List<XmppClient> run(int users) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(users);
        for (int i = 1; i <= users; i++) {
            slots.acquire();
            connector.connect(i, purpose, new XmppClient.Listener() {
                private boolean settled;

                @Override
                public void ready(XmppClient c) {
                    logins.record(c.loginNanos());
                    // A registration is done once answered: its connection is not kept.
                    if (purpose == XmppClient.Purpose.REGISTER) c.close();
                    synchronized (ready) { ready.add(c); }
                    settle();
                }

                @Override
                public void failed(XmppClient c, String kind) {
                    errors.add(kind);
                    if (!settled) settle();
                    else if (after != null) after.failed(c, kind);
                }

                @Override
                public void message(XmppClient c, dev.meerkat.load.xml.XmlNode m) {
                    if (after != null) after.message(c, m);
                }

                @Override
                public void stanza(XmppClient c, dev.meerkat.load.xml.XmlNode s) {
                    if (after != null) after.stanza(c, s);
                }

                private void settle() {
                    settled = true;
                    slots.release();
                    done.countDown();
                }
            });
        }
        // Each attempt times out on its own; the extra margin only guards against a lost callback.
        long waitMs = connector.config().loginTimeout().toMillis() * 2 + 5_000;
        done.await(waitMs, TimeUnit.MILLISECONDS);
        synchronized (ready) { return List.copyOf(ready); }
    }

    LatencyHistogram loginLatency() { return logins; }
}
