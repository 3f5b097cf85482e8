package dev.meerkat.mod.offline;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.time.Instant;
import java.util.List;

/** Messages kept for local users who were offline (XEP-0160). Methods block on storage. */
public interface OfflineStore {
    /** A kept message and when the server received it. */
    record StoredMessage(Instant stamp, Element message) {}

    /**
     * Keeps the message unless the user already has {@code quota} or more.
     *
     * @return false (nothing stored) when the user's storage is full
     */
    boolean add(Jid user, StoredMessage message, int quota);

    int count(Jid user);

    /**
     * Takes every kept message of the user, oldest first, and deletes them. When two takes run at
     * once, each message is returned by exactly one of them.
     */
    List<StoredMessage> take(Jid user);

    /** Deletes every kept message of the user (the account was removed). */
    void removeAll(Jid user);
}
