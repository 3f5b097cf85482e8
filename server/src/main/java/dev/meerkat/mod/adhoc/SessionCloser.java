package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stream.StreamError;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends sessions a moment after the command's answer went out: closing at once could end the
 * admin's own session before it reads the result (deleting one's own account, kicking oneself).
 */
final class SessionCloser {
    private static final long GRACE_MILLIS = 250;

    private final SessionDirectory directory;
    private final ScheduledExecutorService scheduler;

    SessionCloser(SessionDirectory directory, ScheduledExecutorService scheduler) {
        this.directory = directory;
        this.scheduler = scheduler;
    }

    /** The local sessions of a bare JID (all its resources) or of a full JID (that one). */
    List<LocalSession> sessionsOf(Jid jid) {
        List<SessionRef> refs = jid.isBare() ? directory.resources(jid) : directory.find(jid).map(List::of).orElse(List.of());
        return refs.stream().filter(LocalSession.class::isInstance).map(LocalSession.class::cast).toList();
    }

    /** Closes the sessions of {@code jid} shortly; returns how many there were. */
    int closeLater(Jid jid, StreamError error, String text) {
        List<LocalSession> targets = sessionsOf(jid);
        if (!targets.isEmpty()) {
            scheduler.schedule(() -> targets.forEach(s -> s.close(error, text)), GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
        return targets.size();
    }
}
