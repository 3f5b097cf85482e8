package dev.meerkat.e2e;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/** Helpers shared by the roster and presence end-to-end tests. */
final class RosterClients {
    static final String MODULES = "[modules.mod_roster]\n[modules.mod_presence]\n";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private RosterClients() {}

    /** A fresh account name so tests sharing a server never see each other's rosters. */
    static String newUser(ServerFixture fx, String prefix) {
        String name = prefix + SEQ.incrementAndGet();
        fx.createUser(name, "pw-" + name);
        return name;
    }

    static EntityBareJid jid(String user) throws XmppStringprepException {
        return JidCreate.entityBareFrom(user + "@localhost");
    }

    /** Logs in and waits until Smack has the roster (so the session is an interested resource). */
    static Roster loggedIn(XMPPTCPConnection c) {
        Roster r = Roster.getInstanceFor(c);
        await().atMost(Duration.ofSeconds(10)).until(r::isLoaded);
        return r;
    }

    /** A connection not yet connected, so listeners can be added before login. */
    static XMPPTCPConnection unconnected(ServerFixture fx, String user, String resource) throws Exception {
        return fx.track(new XMPPTCPConnection(fx.starttls().setUsernameAndPassword(user, "pw-" + user).setResource(resource).build()));
    }

    static RosterPacket.ItemType typeOf(Roster roster, BareJid contact) {
        RosterEntry e = roster.getEntry(contact);
        return e == null ? null : e.getType();
    }

    static void awaitType(Roster roster, BareJid contact, RosterPacket.ItemType type) {
        await().atMost(Duration.ofSeconds(10)).until(() -> typeOf(roster, contact) == type);
    }

    static void awaitAvailable(Roster roster, BareJid contact, boolean available) {
        await().atMost(Duration.ofSeconds(10)).until(() -> roster.getPresence(contact).isAvailable() == available);
    }

    /** A roster IQ with hand-written items, to send what Smack's own API refuses to build. */
    static final class RawRosterIq extends IQ {
        private final String items;

        RawRosterIq(Type type, String items) {
            super(RosterPacket.ELEMENT, RosterPacket.NAMESPACE);
            setType(type);
            this.items = items;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.rightAngleBracket();
            xml.append(items);
            return xml;
        }
    }
}
