package dev.meerkat.load.scenario;

import dev.meerkat.load.LoadConfig;
import dev.meerkat.load.client.XmppClient;
import dev.meerkat.load.stats.ErrorCounts;

import java.util.List;

/**
 * N users log in and stay connected, doing nothing, for the duration: the server's memory per
 * session is read at the end of the hold (when its PID is given).
 */
final class IdleScenario implements Scenario {
    @Override
    public RunResult run(Context ctx) throws InterruptedException {
        LoadConfig c = ctx.connector().config();
        ErrorCounts errors = new ErrorCounts();
        Ramp ramp = new Ramp(ctx.connector(), XmppClient.Purpose.LOGIN, c.concurrency(), errors, null);
        Measurement rampM = new Measurement(ctx.cpu(), ctx.server());
        rampM.start();
        List<XmppClient> clients = c.users() > 0 ? ramp.run(c.users()) : List.of();
        double rampSeconds = rampM.elapsedNanos() / 1e9;

        // A script can wait for this line to look at the server while the sessions are held.
        ctx.progress().println("HOLDING " + clients.size() + " sessions for " + c.duration().toMillis() + " ms");
        ctx.progress().flush();
        Measurement m = new Measurement(ctx.cpu(), ctx.server());
        m.start();
        Thread.sleep(c.duration().toMillis());
        long stillUp = clients.stream().filter(XmppClient::isReady).count();

        RunResult r = Reports.header("idle", c);
        r.put("logged_in", clients.size()).put("still_connected", stillUp).put("ramp_s", rampSeconds);
        Reports.latency(r, "login", ramp.loginLatency());
        m.finish(r);
        clients.forEach(XmppClient::close);
        r.put("errors", errors.total()).put("error_kinds", errors.summary());
        return r;
    }
}
