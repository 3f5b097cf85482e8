package dev.meerkat.mod.privacy;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionKey;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Iq;
import dev.meerkat.xml.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What mod_privacy and mod_blocking share: the store, the per-session {@link PrivacyState}, and
 * the check of one stanza against a list. Both modules keep the state in the same session key, so
 * a change made through either protocol is seen by the checks of both.
 */
public final class PrivacyService {
    static final SessionKey<PrivacyState> STATE = SessionKey.of("privacy.state", PrivacyState.class);

    private final PrivacyStore store;
    private final RosterStore roster;
    private final SessionDirectory directory;

    public PrivacyService(PrivacyStore store, RosterStore roster, SessionDirectory directory) {
        this.store = store;
        this.roster = roster;
        this.directory = directory;
    }

    public PrivacyStore store() { return store; }

    /** The session's state, read from the store the first time it is needed. */
    public PrivacyState state(LocalSession session) {
        PrivacyState s = session.get(STATE);
        if (s == null) {
            s = new PrivacyState(null, null, store.defaultList(session.jid().bare()).orElse(null));
            session.put(STATE, s);
        }
        return s;
    }

    /** Makes the list the session's active list (null: decline, use the default list). */
    public void setActive(LocalSession session, PrivacyList list) {
        PrivacyState s = state(session);
        session.put(STATE, new PrivacyState(list == null ? null : list.name(), list, s.defaultList()));
    }

    /**
     * Business rule 8: after a change of the user's lists every session re-reads the lists it
     * uses, so the change applies from the next stanza on. An active list that no longer exists
     * is dropped (only the session that removed it could have been using it).
     */
    public void refresh(Jid user) {
        PrivacyList def = store.defaultList(user).orElse(null);
        for (LocalSession s : sessions(user)) {
            PrivacyState old = s.get(STATE);
            String active = old == null ? null : old.activeName();
            PrivacyList activeList = active == null ? null : store.list(user, active).orElse(null);
            s.put(STATE, new PrivacyState(activeList == null ? null : active, activeList, def));
        }
    }

    /** The default list, from a session's state when the user is connected, else from the store. */
    public PrivacyList defaultList(Jid user) {
        List<LocalSession> sessions = sessions(user);
        return sessions.isEmpty() ? store.defaultList(user).orElse(null) : state(sessions.get(0)).defaultList();
    }

    /** True if another session of the user than {@code except} checks stanzas against the named list. */
    public boolean usedByOthers(Jid user, LocalSession except, String name) {
        for (LocalSession s : sessions(user)) {
            if (s != except && state(s).uses(name)) return true;
        }
        return false;
    }

    /**
     * Checks one stanza of the user against a list. Stanzas between the user's own resources and
     * from or to the user's own server are never blocked: a list denying everyone must not cut
     * the client off from its server.
     */
    public boolean allowed(PrivacyList list, Jid user, Traffic traffic, Jid other) {
        if (list == null || other == null) return true;
        if (other.sameBare(user) || other.equals(user.domainJid())) return true;
        return PrivacyRules.allowed(list, traffic, other, () -> roster.item(user, other.bare()));
    }

    /** The connected sessions of the user on this node. */
    public List<LocalSession> sessions(Jid user) {
        List<LocalSession> out = new ArrayList<>();
        for (SessionRef r : directory.resources(user.bare())) {
            if (r instanceof LocalSession s && s.jid() != null) out.add(s);
        }
        return out;
    }

    /** Business rule 10: the name of a changed list goes to every connected resource. */
    public void pushListName(Jid user, String name) {
        pushTo(sessions(user), user, PrivacyXml.nameOnly(name));
    }

    /** Sends an IQ set with the payload, from the user's bare JID as roster pushes are. */
    public static void pushTo(List<LocalSession> sessions, Jid user, Element payload) {
        for (LocalSession s : sessions) {
            s.send(Iq.request(Iq.Type.SET, "push-" + UUID.randomUUID(), user.bare(), s.jid(), payload));
        }
    }
}
