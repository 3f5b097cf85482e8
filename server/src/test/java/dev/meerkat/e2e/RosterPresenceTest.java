package dev.meerkat.e2e;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.meerkat.e2e.RosterClients.awaitAvailable;
import static dev.meerkat.e2e.RosterClients.awaitType;
import static dev.meerkat.e2e.RosterClients.jid;
import static dev.meerkat.e2e.RosterClients.loggedIn;
import static dev.meerkat.e2e.RosterClients.newUser;
import static dev.meerkat.e2e.RosterClients.unconnected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** mod_roster and mod_presence through Smack's roster API. */
class RosterPresenceTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        // Smack's default answers requests itself (reject_all); these tests answer them explicitly
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.manual);
        fx = new ServerFixture(RosterClients.MODULES);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static XMPPTCPConnection login(String user, String resource) throws Exception {
        return fx.login(user, "pw-" + user, resource);
    }

    /** Both users online; each approves the other's request and subscribes back. */
    private static void befriend(Roster ra, Roster rb, EntityBareJid a, EntityBareJid b) throws Exception {
        rb.addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        ra.addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.Approve);
        ra.createItemAndRequestSubscription(b, "B", new String[] {"Friends"});
        awaitType(ra, b, ItemType.both);
        awaitType(rb, a, ItemType.both);
    }

    @Test
    void twoUsersSubscribeBothWaysAndSeeEachOthersPresenceComeAndGo() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        XMPPTCPConnection ca = login(a, "pc");
        XMPPTCPConnection cb = login(b, "phone");
        Roster ra = loggedIn(ca), rb = loggedIn(cb);

        befriend(ra, rb, jid(a), jid(b));

        assertThat(ra.getEntry(jid(b)).getName()).isEqualTo("B");
        assertThat(ra.getEntry(jid(b)).getGroups()).extracting(g -> g.getName()).containsExactly("Friends");
        assertThat(ra.getEntry(jid(b)).isSubscriptionPending()).isFalse();
        awaitAvailable(ra, jid(b), true);
        awaitAvailable(rb, jid(a), true);

        cb.disconnect();
        awaitAvailable(ra, jid(b), false);

        XMPPTCPConnection cb2 = login(b, "tablet");
        Roster rb2 = loggedIn(cb2);
        awaitAvailable(ra, jid(b), true);
        assertThat(ra.getPresence(jid(b)).getFrom().toString()).isEqualTo(b + "@localhost/tablet");
        // the probe at login brought alice's presence to bob's new session
        awaitAvailable(rb2, jid(a), true);
        assertThat(rb2.getEntry(jid(a)).getType()).isEqualTo(ItemType.both);
    }

    @Test
    void aPendingRequestShowsAsAskUntilAnswered() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        Roster ra = loggedIn(login(a, "pc"));
        XMPPTCPConnection cb = login(b, "phone");
        Roster rb = loggedIn(cb);
        BlockingQueue<Presence> requests = new LinkedBlockingQueue<>();
        rb.addSubscribeListener((from, p) -> {
            requests.add(p);
            return null;  // leave it pending
        });

        ra.createItemAndRequestSubscription(jid(b), null, null);

        Presence request = requests.poll(10, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.getFrom().toString()).isEqualTo(a + "@localhost");  // bare JID stamped
        await().until(() -> ra.getEntry(jid(b)) != null && ra.getEntry(jid(b)).isSubscriptionPending());
        assertThat(ra.getEntry(jid(b)).getType()).isEqualTo(ItemType.none);
        // a request does not put the requester in the contact's roster (RFC 6121 §3.1.3)
        assertThat(rb.getEntry(jid(a))).isNull();

        // deny: the requester's pending flag is cleared
        cb.sendStanza(cb.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.unsubscribed).to(jid(a)).build());
        await().until(() -> !ra.getEntry(jid(b)).isSubscriptionPending());
        assertThat(ra.getEntry(jid(b)).getType()).isEqualTo(ItemType.none);
    }

    @Test
    void aPreApprovedRequestIsAcceptedWithoutAskingTheContact() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        Roster ra = loggedIn(login(a, "pc"));
        Roster rb = loggedIn(login(b, "phone"));
        List<Presence> asked = new CopyOnWriteArrayList<>();
        rb.addSubscribeListener((from, p) -> {
            asked.add(p);
            return null;
        });
        assertThat(rb.isSubscriptionPreApprovalSupported()).isTrue();

        rb.preApproveAndCreateEntry(jid(a), "A", null);
        await().until(() -> rb.getEntry(jid(a)) != null && rb.getEntry(jid(a)).isApproved());
        assertThat(rb.getEntry(jid(a)).getType()).isEqualTo(ItemType.none);

        ra.createItemAndRequestSubscription(jid(b), null, null);

        awaitType(ra, jid(b), ItemType.to);
        awaitType(rb, jid(a), ItemType.from);
        assertThat(rb.getEntry(jid(a)).isApproved()).isFalse();
        awaitAvailable(ra, jid(b), true);
        assertThat(asked).isEmpty();
    }

    @Test
    void unsubscribingAndCancellingEndTheSubscriptions() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        XMPPTCPConnection ca = login(a, "pc");
        Roster ra = loggedIn(ca);
        Roster rb = loggedIn(login(b, "phone"));
        befriend(ra, rb, jid(a), jid(b));
        awaitAvailable(ra, jid(b), true);
        awaitAvailable(rb, jid(a), true);

        // alice no longer wants bob's presence
        ca.sendStanza(ca.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.unsubscribe).to(jid(b)).build());
        awaitType(ra, jid(b), ItemType.from);
        awaitType(rb, jid(a), ItemType.to);
        awaitAvailable(ra, jid(b), false);

        // alice stops bob from seeing hers
        ra.getEntry(jid(b)).cancelSubscription();
        awaitType(ra, jid(b), ItemType.none);
        awaitType(rb, jid(a), ItemType.none);
        awaitAvailable(rb, jid(a), false);
    }

    @Test
    void removingAnItemCancelsBothSubscriptions() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        Roster ra = loggedIn(login(a, "pc"));
        Roster rb = loggedIn(login(b, "phone"));
        befriend(ra, rb, jid(a), jid(b));

        ra.removeEntry(ra.getEntry(jid(b)));

        await().until(() -> ra.getEntry(jid(b)) == null);
        awaitType(rb, jid(a), ItemType.none);
        awaitAvailable(rb, jid(a), false);
    }

    @Test
    void aRequestSentWhileTheContactIsOfflineReachesThemAtNextLogin() throws Exception {
        String a = newUser(fx, "alice"), c = newUser(fx, "carol");
        XMPPTCPConnection ca = login(a, "pc");
        Roster ra = loggedIn(ca);
        ca.sendStanza(ca.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.subscribe).to(jid(c))
                .setStatus("it's Alice").build());
        await().until(() -> ra.getEntry(jid(c)) != null && ra.getEntry(jid(c)).isSubscriptionPending());

        XMPPTCPConnection cc = unconnected(fx, c, "laptop");
        BlockingQueue<Presence> requests = new LinkedBlockingQueue<>();
        Roster rc = Roster.getInstanceFor(cc);
        rc.addSubscribeListener((from, p) -> {
            requests.add(p);
            return SubscribeListener.SubscribeAnswer.Approve;
        });
        cc.connect().login();

        Presence request = requests.poll(10, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.getFrom().toString()).isEqualTo(a + "@localhost");
        assertThat(request.getStatus()).isEqualTo("it's Alice");
        awaitType(ra, jid(c), ItemType.to);
        awaitAvailable(ra, jid(c), true);
        awaitType(rc, jid(a), ItemType.from);
    }

    @Test
    void rosterPushesReachEveryInterestedResource() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        Roster first = loggedIn(login(a, "one"));
        Roster second = loggedIn(login(a, "two"));

        first.createItem(jid(b), "Bobby", new String[] {"Work", "Chess"});

        await().until(() -> second.getEntry(jid(b)) != null);
        assertThat(second.getEntry(jid(b)).getName()).isEqualTo("Bobby");
        assertThat(second.getEntry(jid(b)).getGroups()).extracting(g -> g.getName()).containsExactlyInAnyOrder("Work", "Chess");

        first.removeEntry(first.getEntry(jid(b)));
        await().until(() -> second.getEntry(jid(b)) == null);
    }

    @Test
    void aCurrentVersionGetsAnEmptyResultAndAnOldOneTheWholeRoster() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        XMPPTCPConnection ca = login(a, "pc");
        Roster ra = loggedIn(ca);
        assertThat(ra.isRosterVersioningSupported()).isTrue();
        ra.createItem(jid(b), null, null);

        RosterPacket get = new RosterPacket();
        get.setVersion("");
        IQ full = ca.sendIqRequestAndWaitForResponse(get);
        assertThat(full).isInstanceOf(RosterPacket.class);
        RosterPacket roster = (RosterPacket) full;
        assertThat(roster.getRosterItems()).extracting(i -> i.getJid().toString()).containsExactly(b + "@localhost");
        String ver = roster.getVersion();
        assertThat(ver).isNotBlank();

        RosterPacket again = new RosterPacket();
        again.setVersion(ver);
        IQ same = ca.sendIqRequestAndWaitForResponse(again);
        assertThat(same).isNotInstanceOf(RosterPacket.class);
        assertThat(same.getType()).isEqualTo(IQ.Type.result);

        ra.createItem(jid(newUser(fx, "carol")), null, null);
        RosterPacket stale = new RosterPacket();
        stale.setVersion(ver);
        RosterPacket newer = (RosterPacket) ca.sendIqRequestAndWaitForResponse(stale);
        assertThat(newer.getRosterItems()).hasSize(2);
        assertThat(newer.getVersion()).isNotEqualTo(ver);
    }

    @Test
    void invalidRosterSetsAreAnsweredWithStanzaErrors() throws Exception {
        String a = newUser(fx, "alice");
        XMPPTCPConnection ca = login(a, "pc");
        loggedIn(ca);

        assertError(ca, "<item jid='x@localhost'/><item jid='y@localhost'/>", StanzaError.Condition.bad_request);
        assertError(ca, "<item jid='" + a + "@localhost'/>", StanzaError.Condition.bad_request);
        assertError(ca, "<item jid='x@localhost'><group>G</group><group>G</group></item>", StanzaError.Condition.bad_request);
        assertError(ca, "<item jid='x@localhost'><group></group></item>", StanzaError.Condition.not_acceptable);
        assertError(ca, "<item jid='x@localhost' name='" + "n".repeat(1025) + "'/>", StanzaError.Condition.not_acceptable);
        assertError(ca, "<item jid='nobody@localhost' subscription='remove'/>", StanzaError.Condition.item_not_found);
        // 'subscription' values other than remove are ignored (RFC 6121 §2.1.2.5)
        ca.sendIqRequestAndWaitForResponse(new RosterClients.RawRosterIq(IQ.Type.set, "<item jid='x@localhost' subscription='both'/>"));
        EntityBareJid x = jid("x");
        Roster r = Roster.getInstanceFor(ca);
        await().until(() -> r.getEntry(x) != null);
        assertThat(r.getEntry(x).getType()).isEqualTo(ItemType.none);
    }

    private static void assertError(XMPPTCPConnection c, String items, StanzaError.Condition condition) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> c.sendIqRequestAndWaitForResponse(new RosterClients.RawRosterIq(IQ.Type.set, items)));
        assertThat(t).isInstanceOf(XMPPException.XMPPErrorException.class);
        assertThat(((XMPPException.XMPPErrorException) t).getStanzaError().getCondition()).isEqualTo(condition);
    }

    @Test
    void directedPresenceIsFollowedByUnavailableOnDisconnect() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        XMPPTCPConnection ca = login(a, "pc");
        XMPPTCPConnection cb = login(b, "phone");
        BlockingQueue<Presence> atBob = new LinkedBlockingQueue<>();
        EntityBareJid alice = jid(a);
        cb.addSyncStanzaListener(s -> atBob.add((Presence) s),
                s -> s instanceof Presence p && p.getFrom() != null && p.getFrom().asBareJid().equals(alice));

        // Bob's initial presence must be processed first: presence to a bare JID goes to available resources only.
        assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(cb).pingMyServer()).isTrue();
        ca.sendStanza(ca.getStanzaFactory().buildPresenceStanza().to(jid(b)).setStatus("psst").build());
        Presence directed = atBob.poll(10, TimeUnit.SECONDS);
        assertThat(directed).isNotNull();
        assertThat(directed.isAvailable()).isTrue();
        assertThat(directed.getStatus()).isEqualTo("psst");

        ca.disconnect();
        Presence gone = atBob.poll(10, TimeUnit.SECONDS);
        assertThat(gone).isNotNull();
        assertThat(gone.getType()).isEqualTo(Presence.Type.unavailable);
    }
}
