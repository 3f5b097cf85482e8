package dev.meerkat.mod.last;

import dev.meerkat.jid.Jid;

import java.util.Optional;

/**
 * mod_last for the rest of the server (the admin API), provided per host through
 * {@code HostContext.service(LastService.class)}. Methods block on storage.
 */
public interface LastService {
    /** When the user's last session ended and its status text; empty if never recorded. */
    Optional<LastActivityStore.LastActivity> last(Jid user);

    /** Records the user's last activity, as a logout at {@code activity.at()} would. */
    void setLast(Jid user, LastActivityStore.LastActivity activity);
}
