package dev.meerkat.hooks;

import dev.meerkat.jid.Jid;
import dev.meerkat.session.LocalSession;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;

import java.util.function.Consumer;

/**
 * The hooks of the core. Each host has its own {@link HookBus}; an event is run on the bus of the
 * host it concerns (the sender's for {@link #USER_SEND}, the recipient's for the others).
 * Handlers run on a session's executor or another non-event-loop thread and may block briefly.
 */
public final class CoreHooks {
    private CoreHooks() {}

    /** A local user sent a stanza (from already stamped), before routing. STOP drops it; a replaced event re-routes the new stanza. */
    public record UserSend(LocalSession session, Stanza stanza) {}

    /** A stanza is about to be written to a local session. STOP drops it (privacy, CSI buffering). */
    public record UserReceive(LocalSession session, Stanza stanza) {}

    /** A stanza for a local JID (user or server), before delivery rules. STOP: a module took it. */
    public record LocalPacket(Stanza stanza) {}

    /**
     * A message for an existing account has no session to go to. STOP means a module stored it;
     * otherwise the router answers as RFC 6121 §8.5.2 says.
     */
    public record OfflineMessage(Jid to, Message message) {}

    /** A session was bound and entered the established state. */
    public record SessionOpened(LocalSession session) {}

    /** A bound session ended; {@code reason} is a short text for logs. */
    public record SessionClosed(LocalSession session, String reason) {}

    /** A session sent broadcast presence (no 'to'); {@code previous} is null for initial presence. */
    public record PresenceChanged(LocalSession session, Presence previous, Presence current) {}

    /** An account was created. */
    public record UserRegistered(Jid user) {}

    /** An account was removed: modules remove what they stored for it. */
    public record UserRemoved(Jid user) {}

    /** Stream features being offered after authentication; add to {@code features}. */
    public record StreamFeatures(LocalSession session, Consumer<Element> features) {}

    /**
     * A bound session sent a top-level element that is not a stanza (e.g. XEP-0198 {@code <r/>},
     * XEP-0352 {@code <active/>}). STOP: a module handled it; otherwise the stream is closed with
     * unsupported-stanza-type.
     */
    public record NonStanzaElement(LocalSession session, Element element) {}

    public static final HookKey<UserSend> USER_SEND = HookKey.of("user_send_packet", UserSend.class);
    public static final HookKey<UserReceive> USER_RECEIVE = HookKey.of("user_receive_packet", UserReceive.class);
    public static final HookKey<LocalPacket> FILTER_LOCAL_PACKET = HookKey.of("filter_local_packet", LocalPacket.class);
    public static final HookKey<OfflineMessage> OFFLINE_MESSAGE = HookKey.of("offline_message", OfflineMessage.class);
    public static final HookKey<SessionOpened> SESSION_OPENED = HookKey.of("session_opened", SessionOpened.class);
    public static final HookKey<SessionClosed> SESSION_CLOSED = HookKey.of("session_closed", SessionClosed.class);
    public static final HookKey<PresenceChanged> PRESENCE_CHANGED = HookKey.of("presence_changed", PresenceChanged.class);
    public static final HookKey<UserRegistered> USER_REGISTERED = HookKey.of("user_registered", UserRegistered.class);
    public static final HookKey<UserRemoved> USER_REMOVED = HookKey.of("remove_user", UserRemoved.class);
    public static final HookKey<StreamFeatures> STREAM_FEATURES = HookKey.of("c2s_stream_features", StreamFeatures.class);
    public static final HookKey<NonStanzaElement> NON_STANZA_ELEMENT = HookKey.of("c2s_unknown_element", NonStanzaElement.class);
}
