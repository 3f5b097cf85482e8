package dev.meerkat.mod.last;

import dev.meerkat.jid.Jid;

import java.time.Instant;
import java.util.Optional;

/** When each local user was last online (XEP-0012), and its last status text. Methods block on storage. */
public interface LastActivityStore {
    /** Longest status text the store keeps; longer texts are cut. */
    int MAX_STATUS_LENGTH = 1024;

    /**
     * @param at     when the user's last session ended (second precision is kept)
     * @param status the status text of its last unavailable presence, "" if none
     */
    record LastActivity(Instant at, String status) {
        public LastActivity {
            if (at == null) throw new IllegalArgumentException("at is required");
            if (status == null) status = "";
        }
    }

    Optional<LastActivity> get(Jid user);

    /** Records (or replaces) the user's last activity. */
    void set(Jid user, LastActivity activity);

    /** Forgets the user (the account was removed). */
    void remove(Jid user);
}
