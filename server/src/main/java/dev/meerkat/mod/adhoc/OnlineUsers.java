package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionRef;

import java.util.List;
import java.util.TreeSet;

/** The users of one host with at least one bound session, and those sessions. */
final class OnlineUsers {
    private final String host;
    private final SessionDirectory directory;

    OnlineUsers(String host, SessionDirectory directory) {
        this.host = host;
        this.directory = directory;
    }

    /** Bare JIDs, sorted. */
    List<Jid> users() {
        TreeSet<Jid> out = new TreeSet<>();
        for (SessionRef s : directory.all()) {
            if (s.jid() != null && s.jid().domain().equals(host)) out.add(s.jid().bare());
        }
        return List.copyOf(out);
    }

    /** Full JIDs of every bound session of the host. */
    List<Jid> sessions() {
        return directory.all().stream().map(SessionRef::jid).filter(j -> j != null && j.domain().equals(host)).sorted().toList();
    }
}
