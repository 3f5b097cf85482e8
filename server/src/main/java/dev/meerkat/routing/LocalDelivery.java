package dev.meerkat.routing;

import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookBus;
import dev.meerkat.jid.Jid;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;

import java.util.ArrayList;
import java.util.List;

/**
 * The pure part of RFC 6121 §8.5: given a stanza for a local account and the account's sessions,
 * decide what happens. No I/O here, so every rule is unit-tested directly.
 */
public final class LocalDelivery {
    private LocalDelivery() {}

    /** What to do with a stanza addressed to a local account. */
    public sealed interface Decision {
        /** Hand the stanza to these sessions. */
        record Deliver(List<SessionRef> sessions) implements Decision {}

        /** Answer the sender with service-unavailable (RFC 6121 §8.5). */
        record Bounce() implements Decision {}

        /** Drop without an answer (errors, headlines, presence to nobody...). */
        record Ignore() implements Decision {}

        /** A message for an account with nobody to receive it: offer it to offline storage, else bounce. */
        record Offline() implements Decision {}

        /** An IQ for the bare JID: the server answers on the account's behalf. */
        record ServerAnswers() implements Decision {}
    }

    static final Decision BOUNCE = new Decision.Bounce();
    static final Decision IGNORE = new Decision.Ignore();
    static final Decision OFFLINE = new Decision.Offline();
    static final Decision SERVER_ANSWERS = new Decision.ServerAnswers();

    /** §8.5.1: the account does not exist. */
    public static Decision noSuchUser(Stanza stanza) {
        return switch (stanza) {
            case Message m -> switch (m.type()) {
                case "error", "headline" -> IGNORE;
                default -> BOUNCE;
            };
            case dev.meerkat.stanza.Presence p -> IGNORE;
            case dev.meerkat.stanza.Iq iq -> iq.isRequest() ? BOUNCE : IGNORE;
        };
    }

    /** §8.5.2 (bare JID) and §8.5.3 (full JID) for an existing account. */
    public static Decision decide(Stanza stanza, List<SessionRef> sessions) {
        Jid to = stanza.to();
        if (to.hasResource()) {
            for (SessionRef s : sessions) {
                if (s.jid().equals(to)) return new Decision.Deliver(List.of(s));
            }
            return noMatchingResource(stanza, sessions);
        }
        return toBareJid(stanza, sessions);
    }

    /** §8.5.3.2: full JID with no session of that resource. */
    private static Decision noMatchingResource(Stanza stanza, List<SessionRef> sessions) {
        return switch (stanza) {
            case Message m -> switch (m.type()) {
                // ejabberd and Prosody also fall back for "normal": nothing sent to a user is lost
                case "chat", "normal" -> toBareJid(m, sessions);
                case "groupchat" -> BOUNCE;
                default -> IGNORE;
            };
            case dev.meerkat.stanza.Presence p -> IGNORE;
            case dev.meerkat.stanza.Iq iq -> iq.isRequest() ? BOUNCE : IGNORE;
        };
    }

    /** §8.5.2: bare JID. */
    private static Decision toBareJid(Stanza stanza, List<SessionRef> sessions) {
        return switch (stanza) {
            case Message m -> messageToBare(m, sessions);
            case dev.meerkat.stanza.Presence p -> {
                List<SessionRef> available = new ArrayList<>();
                for (SessionRef s : sessions) if (s.available()) available.add(s);
                yield available.isEmpty() ? IGNORE : new Decision.Deliver(available);
            }
            case dev.meerkat.stanza.Iq iq -> iq.isRequest() ? SERVER_ANSWERS : IGNORE;
        };
    }

    private static Decision messageToBare(Message m, List<SessionRef> sessions) {
        String type = m.type();
        if (type.equals("error")) return IGNORE;
        if (type.equals("groupchat")) return BOUNCE;
        List<SessionRef> chosen = new ArrayList<>();
        if (type.equals("headline")) {
            for (SessionRef s : sessions) if (s.available() && s.priority() >= 0) chosen.add(s);
            return chosen.isEmpty() ? IGNORE : new Decision.Deliver(chosen);
        }
        // chat and normal: every available resource sharing the highest non-negative priority
        int best = Integer.MIN_VALUE;
        for (SessionRef s : sessions) {
            if (!s.available() || s.priority() < 0) continue;
            if (s.priority() > best) {
                best = s.priority();
                chosen.clear();
            }
            if (s.priority() == best) chosen.add(s);
        }
        return chosen.isEmpty() ? OFFLINE : new Decision.Deliver(chosen);
    }

    static HookBus.Outcome<CoreHooks.OfflineMessage> offline(HookBus bus, Message m) {
        return bus.run(CoreHooks.OFFLINE_MESSAGE, new CoreHooks.OfflineMessage(m.to().bare(), m));
    }
}
