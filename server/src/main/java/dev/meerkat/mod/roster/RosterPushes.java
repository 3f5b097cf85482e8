package dev.meerkat.mod.roster;

import dev.meerkat.jid.Jid;
import dev.meerkat.metrics.ModuleMetrics;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionKey;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.xml.Element;

import java.util.UUID;

/**
 * Roster pushes (RFC 6121 §2.1.6) to a user's interested resources: those that requested the
 * roster during their session (§2.2). Used by mod_roster and mod_presence alike.
 */
public final class RosterPushes {
    /** Set on a session once it asked for the roster. */
    public static final SessionKey<Boolean> INTERESTED = SessionKey.of("roster.interested", Boolean.class);

    private final SessionDirectory directory;
    private final ModuleMetrics.Count pushed;

    public RosterPushes(SessionDirectory directory) {
        this(directory, () -> { });
    }

    /** @param pushed counts each push written (LocalSession.send runs no hook that could count it) */
    public RosterPushes(SessionDirectory directory, ModuleMetrics.Count pushed) {
        this.directory = directory;
        this.pushed = pushed;
    }

    /** The counter both mod_roster and mod_presence push through (one series: the registry shares it). */
    public static ModuleMetrics.Count counter(ModuleMetrics metrics) {
        return metrics.counter("mod_roster_push", "Roster pushes sent to interested resources (RFC 6121 §2.1.6)");
    }

    public static void markInterested(LocalSession session) { session.put(INTERESTED, Boolean.TRUE); }

    public static boolean isInterested(LocalSession session) { return Boolean.TRUE.equals(session.get(INTERESTED)); }

    /** Pushes the item as it is now, or its removal when {@code item} is null. */
    public void push(Jid user, Jid contact, RosterItem item, long version) {
        Element payload = item == null ? RosterXml.removed(contact) : RosterXml.item(item);
        for (SessionRef ref : directory.resources(user.bare())) {
            if (ref instanceof LocalSession s && isInterested(s)) {
                // 'from' is the user's bare JID, which RFC 6121 §2.1.6 lets clients trust
                s.send(Iq.request(Iq.Type.SET, "push-" + UUID.randomUUID(), user.bare(), s.jid(),
                        RosterXml.query(Long.toString(version), java.util.List.of(payload))));
                pushed.increment();
            }
        }
    }

    /** Pushes whatever a store change did to the visible roster, if anything. */
    public void push(Jid user, RosterStore.Change change) {
        if (!change.changed()) return;
        boolean wasVisible = change.before().map(i -> !i.hidden()).orElse(false);
        RosterItem after = change.after().filter(i -> !i.hidden()).orElse(null);
        if (after != null) push(user, after.contact(), after, change.version());
        else if (wasVisible) push(user, change.before().get().contact(), null, change.version());
    }
}
