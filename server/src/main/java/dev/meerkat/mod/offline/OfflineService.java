package dev.meerkat.mod.offline;

import dev.meerkat.jid.Jid;

/**
 * mod_offline for the rest of the server (the admin API), provided per host through
 * {@code HostContext.service(OfflineService.class)}. Methods block on storage.
 */
public interface OfflineService {
    /** How many messages are kept for the user. */
    int count(Jid user);

    /** Deletes every message kept for the user; returns how many there were. */
    int deleteAll(Jid user);
}
