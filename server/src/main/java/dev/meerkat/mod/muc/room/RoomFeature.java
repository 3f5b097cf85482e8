package dev.meerkat.mod.muc.room;

import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.xml.Element;

import java.util.Set;
import java.util.function.Consumer;

/**
 * One feature of a room (password, members-only, history, invitations...), hooked into the room's
 * own events. Every method runs on the room's serial executor. Handlers refuse by throwing
 * {@link dev.meerkat.stanza.StanzaException}, which the room answers to the sender.
 */
public interface RoomFeature {
    /** A user asks to enter; throw to refuse (§7.2 errors). */
    default void checkJoin(Room room, JoinRequest join) {}

    /** The user entered and has received the occupants' and its own presence. */
    default void joined(Room room, Occupant occupant, JoinRequest join) {}

    /** A message to the room or to an occupant; true if this feature took it. */
    default boolean message(Room room, Message message) { return false; }

    /** An IQ request to the room itself; the reply, or null if it is not this feature's. */
    default Iq iq(Room room, Iq request) { return null; }

    /**
     * An IQ request to the room that this feature answers off the room's executor (a slow storage
     * read must not hold up the room): true if it took the request; it then sends the reply itself,
     * from any thread, with {@link Room#send}. Asked only when no {@link #iq} answered.
     */
    default boolean iqLater(Room room, Iq request) { return false; }

    /**
     * A groupchat message is about to be reflected (from room/nick, no 'to'): returns the message
     * to send to the occupants, e.g. with a stanza id added. Features run in order, each getting
     * the previous one's result.
     */
    default Element reflecting(Room room, Occupant sender, Element message) { return message; }

    /** A groupchat message was reflected to the occupants (from room/nick, no 'to'). */
    default void reflected(Room room, Element message) {}

    /** XEP-0030 features of the room. */
    default void discoFeatures(Room room, Consumer<String> features) {}

    /** Fields of the muc#roominfo form. */
    default void roomInfo(Room room, DataForm.Builder form) {}

    /** Status codes to add to a newcomer's own presence (e.g. 170, the room is logged). */
    default void joinCodes(Room room, Set<Integer> codes) {}

    /** Status codes to add to the 104 message after a configuration change (e.g. 170/171, §10.2.1). */
    default void configCodes(Room room, RoomConfig before, Set<Integer> codes) {}

    /** Configuration, affiliations or subject changed. */
    default void changed(Room room) {}

    /**
     * The room was destroyed: by its owner, or a temporary room whose last occupant left (not when
     * the service shuts down).
     */
    default void destroyed(Room room) {}
}
