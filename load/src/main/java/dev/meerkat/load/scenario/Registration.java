package dev.meerkat.load.scenario;

import dev.meerkat.load.client.Connector;
import dev.meerkat.load.client.XmppClient;
import dev.meerkat.load.stats.ErrorCounts;

import java.util.List;

/** Creates accounts 1..N with XEP-0077 in-band registration before a run; an account that exists already counts as done. */
public final class Registration {
    private Registration() { }

    public static RunResult run(Connector connector) throws InterruptedException {
        ErrorCounts errors = new ErrorCounts();
        long start = System.nanoTime();
        List<XmppClient> done = new Ramp(connector, XmppClient.Purpose.REGISTER, connector.config().registerConcurrency(),
                errors, null).run(connector.config().users());
        return new RunResult()
                .put("scenario", "register")
                .put("users", connector.config().users())
                .put("registered", done.size())
                .put("seconds", (System.nanoTime() - start) / 1e9)
                .put("errors", errors.total())
                .put("error_kinds", errors.summary());
    }
}
