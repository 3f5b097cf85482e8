package dev.meerkat.session;

import dev.meerkat.jid.Jid;
import dev.meerkat.stream.StreamError;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds sessions to full JIDs. A new session for a full JID already bound replaces the old one,
 * which is closed with {@code <conflict/>} (RFC 6120 §7.7.2.2, the policy of ejabberd and
 * MongooseIM). Past {@code max_user_sessions}, the account's oldest session is closed the same way,
 * as ejabberd does, so a user who logs in again from a new device always gets in.
 */
public final class SessionManager {
    private final SessionDirectory directory;
    private final int maxUserSessions;
    private final Map<String, LocalSession> local = new ConcurrentHashMap<>();

    public SessionManager(SessionDirectory directory, int maxUserSessions) {
        this.directory = directory;
        this.maxUserSessions = maxUserSessions;
    }

    public SessionDirectory directory() { return directory; }

    /** Registers a bound session; closes whatever it replaces. Call on the new session's executor. */
    public void bind(LocalSession session) {
        Jid jid = session.jid();
        local.put(session.streamId(), session);
        directory.put(session).ifPresent(old -> {
            if (old != session && old instanceof LocalSession ls) {
                local.remove(ls.streamId(), ls);
                ls.close(StreamError.CONFLICT, "Replaced by new connection");
            }
        });
        List<SessionRef> all = directory.resources(jid.bare());
        if (all.size() > maxUserSessions) {
            all.stream()
                    .filter(s -> s != session && s instanceof LocalSession)
                    .map(s -> (LocalSession) s)
                    .sorted(Comparator.comparing(LocalSession::startedAt))
                    .limit(all.size() - maxUserSessions)
                    .forEach(s -> s.close(StreamError.CONFLICT, "Too many sessions of this account"));
        }
    }

    /** Removes a session that ended (only its own directory entry). */
    public void unbind(LocalSession session) {
        local.remove(session.streamId(), session);
        if (session.jid() != null) directory.remove(session);
    }

    /** Re-publishes a session's priority/availability (a cluster directory copies them). */
    public void updated(LocalSession session) {
        if (session.jid() != null && local.containsKey(session.streamId())) directory.put(session);
    }

    /** Bound sessions of this node. */
    public Collection<LocalSession> localSessions() { return List.copyOf(local.values()); }

    public int localCount() { return local.size(); }

    /** Closes every local session (shutdown). */
    public void closeAll(StreamError error, String text) {
        for (LocalSession s : localSessions()) s.close(error, text);
    }
}
