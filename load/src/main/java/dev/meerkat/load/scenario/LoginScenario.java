package dev.meerkat.load.scenario;

import dev.meerkat.load.LoadConfig;
import dev.meerkat.load.client.XmppClient;
import dev.meerkat.load.stats.ErrorCounts;
import dev.meerkat.load.stats.LatencyHistogram;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Full logins (connect, STARTTLS, SASL, bind, roster, presence), each followed by a polite close,
 * over accounts 1..N in turn: at a target arrival rate, or as fast as the concurrency bound allows
 * when the rate is 0. Stops at the duration or after {@code maxLogins}.
 */
final class LoginScenario implements Scenario {
    private static final long TICK_NANOS = 2_000_000;

    @Override
    public RunResult run(Context ctx) throws InterruptedException {
        LoadConfig c = ctx.connector().config();
        LatencyHistogram latency = new LatencyHistogram();
        ErrorCounts errors = new ErrorCounts();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        XmppClient.Listener listener = new XmppClient.Listener() {
            @Override
            public void ready(XmppClient client) {
                latency.record(client.loginNanos());
                ok.incrementAndGet();
                client.close();
                inFlight.decrementAndGet();
            }

            @Override
            public void failed(XmppClient client, String kind) {
                errors.add(kind);
                inFlight.decrementAndGet();
            }
        };

        Measurement m = new Measurement(ctx.cpu(), ctx.server());
        m.start();
        long durationNanos = c.duration().toNanos();
        long limit = c.maxLogins() > 0 ? c.maxLogins() : Long.MAX_VALUE;
        long started = 0;
        while (m.elapsedNanos() < durationNanos && started < limit) {
            long due = c.rate() > 0 ? (long) (c.rate() * m.elapsedNanos() / 1e9) + 1 : Long.MAX_VALUE;
            while (started < due && started < limit && inFlight.get() < c.concurrency()) {
                inFlight.incrementAndGet();
                int user = (int) (started % c.users()) + 1;
                started++;
                ctx.connector().connect(user, XmppClient.Purpose.LOGIN, listener);
            }
            LockSupport.parkNanos(TICK_NANOS);
            if (Thread.interrupted()) throw new InterruptedException();
        }
        // Let the logins in flight finish; each has its own timeout.
        long deadline = System.nanoTime() + c.loginTimeout().toNanos() + 1_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) Thread.sleep(10);

        RunResult r = Reports.header("login", c);
        long seconds = m.elapsedNanos();
        r.put("concurrency", c.concurrency())
                .put("attempted", started)
                .put("ok", ok.get())
                .put("errors", errors.total())
                .put("logins_per_s", ok.get() / (seconds / 1e9));
        Reports.latency(r, "login", latency);
        r.put("scram_derivations", ctx.connector().saltedPasswords().size());
        m.finish(r);
        r.put("error_kinds", errors.summary());
        return r;
    }
}
