package dev.meerkat.mod.muc.room;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.List;

/**
 * A user in the room under a nick.
 *
 * @param realJid  the full JID of the user's session
 * @param presence the children of the user's last presence (show, status, caps...) without MUC payloads
 */
public record Occupant(String nick, Jid realJid, Role role, List<Element> presence) {
    public Occupant withRole(Role r) { return new Occupant(nick, realJid, r, presence); }

    public Occupant withNick(String n) { return new Occupant(n, realJid, role, presence); }

    public Occupant withPresence(List<Element> p) { return new Occupant(nick, realJid, role, p); }
}
