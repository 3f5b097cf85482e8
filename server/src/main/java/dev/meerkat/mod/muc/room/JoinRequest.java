package dev.meerkat.mod.muc.room;

import dev.meerkat.jid.Jid;

/**
 * A user's request to enter a room (§7.2).
 *
 * @param password null when none was given
 */
public record JoinRequest(Jid realJid, String nick, Affiliation affiliation, String password, History.Request history) {}
