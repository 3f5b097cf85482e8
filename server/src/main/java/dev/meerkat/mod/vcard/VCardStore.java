package dev.meerkat.mod.vcard;

import dev.meerkat.jid.Jid;

import java.util.Optional;

/**
 * XEP-0054 vCards of local users, with the XEP-0153 hash of each vCard's photo kept alongside so
 * that presence stamping needs no XML parsing. Methods block on storage.
 */
public interface VCardStore {
    /**
     * A stored vCard.
     *
     * @param xml       the {@code <vCard xmlns='vcard-temp'/>} element as XML text
     * @param photoHash lowercase hex SHA-1 of the photo's binary data, "" for a vCard without a
     *                  photo, null when it has a photo whose data the server cannot hash (EXTVAL)
     */
    record StoredVCard(String xml, String photoHash) {
        public StoredVCard {
            if (xml == null) throw new IllegalArgumentException("xml is required");
        }
    }

    Optional<StoredVCard> get(Jid user);

    /** Stores (or replaces) the user's vCard. */
    void set(Jid user, StoredVCard vcard);

    /** Removes the user's vCard (the account was removed). */
    void remove(Jid user);
}
