package dev.meerkat.e2e;

import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.privacy.PrivacyListManager;
import org.jivesoftware.smackx.privacy.PrivacyList;
import org.jivesoftware.smackx.privacy.PrivacyListListener;
import org.jivesoftware.smackx.privacy.packet.PrivacyItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.meerkat.e2e.RosterClients.awaitType;
import static dev.meerkat.e2e.RosterClients.jid;
import static dev.meerkat.e2e.RosterClients.loggedIn;
import static dev.meerkat.e2e.RosterClients.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** mod_privacy (XEP-0016) and mod_blocking (XEP-0191) end to end with Smack. */
class PrivacyBlockingTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.manual);
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + RosterClients.MODULES + "[modules.mod_privacy]\n[modules.mod_blocking]\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static XMPPTCPConnection login(String user, String resource) throws Exception {
        return fx.login(user, "pw-" + user, resource);
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> {
            Message m = (Message) s;
            if (m.getType() != Message.Type.error) q.add(m);
        }, StanzaTypeFilter.MESSAGE);
        return q;
    }

    private static Message chat(XMPPTCPConnection from, Jid to, String body) {
        return from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build();
    }

    /** Sends a message and returns the error that comes back for it. */
    static Message sendExpectingError(XMPPTCPConnection from, Jid to, String body) throws Exception {
        Message m = chat(from, to, body);
        try (StanzaCollector c = from.createStanzaCollectorAndSend(
                new AndFilter(MessageTypeFilter.ERROR, (org.jivesoftware.smack.filter.StanzaFilter) s -> m.getStanzaId().equals(s.getStanzaId())), m)) {
            Message error = c.nextResult(10_000);
            assertThat(error).as("error for " + body).isNotNull();
            return error;
        }
    }

    private static void assertDelivered(BlockingQueue<Message> inbox, String body) throws InterruptedException {
        Message got = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(got.getBody()).isEqualTo(body);
    }

    static PrivacyItem denyJid(Jid jid, long order, boolean messagesOnly) {
        PrivacyItem i = new PrivacyItem(PrivacyItem.Type.jid, jid.toString(), false, order);
        if (messagesOnly) i.setFilterMessage(true);
        return i;
    }

    private static StanzaError.Condition conditionOf(XMPPException.XMPPErrorException e) {
        return e.getStanzaError().getCondition();
    }

    // ---- XEP-0191 ----

    @Test
    void blockedContactCannotMessageAndTheUserCannotMessageTheBlockedContact() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        XMPPTCPConnection ca = login(a, "pc"), cb = login(b, "phone");
        BlockingQueue<Message> toA = inbox(ca), toB = inbox(cb);
        BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(ca);
        assertThat(blocking.isSupportedByServer()).isTrue();

        blocking.blockContacts(List.of(jid(b)));
        assertThat(blocking.getBlockList()).containsExactly(jid(b));

        Message bounced = sendExpectingError(cb, ca.getUser(), "let me in");
        assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        Message toBare = sendExpectingError(cb, jid(a), "bare");
        assertThat(toBare.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        Message refused = sendExpectingError(ca, jid(b), "hello?");
        assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable);
        assertThat(refused.getError().toXML().toString()).contains("urn:xmpp:blocking:errors");

        blocking.unblockContacts(List.of(jid(b)));
        // Smack updates its copy from the push, on its own thread
        await().atMost(Duration.ofSeconds(10)).until(() -> blocking.getBlockList().isEmpty());
        cb.sendStanza(chat(cb, jid(a), "friends again"));
        assertDelivered(toA, "friends again");
        ca.sendStanza(chat(ca, jid(b), "welcome"));
        assertDelivered(toB, "welcome");
    }

    @Test
    void blockAndUnblockArePushedToOtherResourcesThatAskedForTheBlocklist() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob"), c = newUser(fx, "carol");
        XMPPTCPConnection a1 = login(a, "pc"), a2 = login(a, "phone");
        BlockingCommandManager other = BlockingCommandManager.getInstanceFor(a2);
        assertThat(other.getBlockList()).isEmpty();
        List<Jid> pushedBlocks = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        other.addJidsBlockedListener(pushedBlocks::addAll);
        other.addJidsUnblockedListener(jids -> events.add("unblocked " + jids));
        other.addAllJidsUnblockedListener(() -> events.add("all unblocked"));

        BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(a1);
        blocking.blockContacts(List.of(jid(b), jid(c)));
        await().atMost(Duration.ofSeconds(10)).until(() -> pushedBlocks.size() == 2);
        assertThat(pushedBlocks).containsExactlyInAnyOrder(jid(b), jid(c));
        await().atMost(Duration.ofSeconds(10)).until(() -> other.getBlockList().size() == 2);
        assertThat(other.getBlockList()).containsExactlyInAnyOrder(jid(b), jid(c));

        // one truth: the blocklist is the default privacy list
        PrivacyListManager privacy = PrivacyListManager.getInstanceFor(a2);
        assertThat(privacy.getDefaultListName()).isEqualTo("Blocked contacts");
        assertThat(privacy.getDefaultList().getItems()).extracting(PrivacyItem::getValue)
                .containsExactlyInAnyOrder(jid(b).toString(), jid(c).toString());
        assertThat(privacy.getDefaultList().getItems()).allMatch(i -> !i.isAllow() && i.isFilterEverything());

        blocking.unblockContacts(List.of(jid(c)));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("unblocked [" + jid(c) + "]"));
        await().atMost(Duration.ofSeconds(10)).until(() -> other.getBlockList().equals(List.of(jid(b))));

        blocking.unblockAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("all unblocked"));
        await().atMost(Duration.ofSeconds(10)).until(() -> other.getBlockList().isEmpty());
        assertThat(BlockingCommandManager.getInstanceFor(login(a, "tablet")).getBlockList()).isEmpty();
    }

    @Test
    void aBlockedContactStopsSeeingPresenceAndSeesItAgainAfterUnblock() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        XMPPTCPConnection ca = login(a, "pc"), cb = login(b, "phone");
        Roster ra = loggedIn(ca), rb = loggedIn(cb);
        befriend(ra, rb, jid(a), jid(b));
        await().atMost(Duration.ofSeconds(10)).until(() -> rb.getPresence(jid(a)).isAvailable());

        BlockingQueue<Presence> seenByB = new LinkedBlockingQueue<>();
        cb.addSyncStanzaListener(s -> seenByB.add((Presence) s),
                new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createBare(jid(a))));
        BlockingCommandManager.getInstanceFor(ca).blockContacts(List.of(jid(b)));
        Presence gone = seenByB.poll(10, TimeUnit.SECONDS);
        assertThat(gone).isNotNull();
        assertThat(gone.getType()).isEqualTo(Presence.Type.unavailable);

        ca.sendStanza(ca.getStanzaFactory().buildPresenceStanza().setMode(Presence.Mode.away).setStatus("hidden from bob").build());
        BlockingCommandManager.getInstanceFor(ca).unblockContacts(List.of(jid(b)));
        Presence back = seenByB.poll(10, TimeUnit.SECONDS);
        // the away presence sent while blocked never reached bob: the first one he sees is the unblock's
        assertThat(back).isNotNull();
        assertThat(back.getType()).isEqualTo(Presence.Type.available);
        assertThat(back.getStatus()).isEqualTo("hidden from bob");
        assertThat(seenByB).isEmpty();
    }

    private static void befriend(Roster ra, Roster rb, EntityBareJid a, EntityBareJid b) throws Exception {
        rb.addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        ra.addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.Approve);
        ra.createItemAndRequestSubscription(b, "B", new String[] {"Friends"});
        awaitType(ra, b, ItemType.both);
        awaitType(rb, a, ItemType.both);
    }

    // ---- XEP-0016 ----

    @Test
    void groupAndSubscriptionItemsUseTheRoster() throws Exception {
        String a = newUser(fx, "alice"), friend = newUser(fx, "fred"), enemy = newUser(fx, "eve"), stranger = newUser(fx, "sam");
        XMPPTCPConnection ca = login(a, "pc"), cf = login(friend, "x"), ce = login(enemy, "x"), cs = login(stranger, "x");
        Roster ra = loggedIn(ca), rf = loggedIn(cf);
        rf.addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.Approve);
        ra.createItemAndRequestSubscription(jid(friend), "F", null);
        awaitType(ra, jid(friend), ItemType.to);
        ra.createItem(jid(enemy), "E", new String[] {"Enemies"});
        BlockingQueue<Message> toA = inbox(ca);

        PrivacyListManager privacy = PrivacyListManager.getInstanceFor(ca);
        PrivacyItem noEnemies = new PrivacyItem(PrivacyItem.Type.group, "Enemies", false, 1);
        noEnemies.setFilterMessage(true);
        privacy.createPrivacyList("no-enemies", List.of(noEnemies));
        privacy.setActiveListName("no-enemies");
        assertThat(sendExpectingError(ce, ca.getUser(), "boo").getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        cs.sendStanza(chat(cs, ca.getUser(), "hi from a stranger"));
        assertDelivered(toA, "hi from a stranger");

        privacy.createPrivacyList("friends-only", List.of(
                new PrivacyItem(PrivacyItem.Type.subscription, PrivacyItem.SUBSCRIPTION_TO, true, 10),
                new PrivacyItem(false, 15)));
        privacy.setActiveListName("friends-only");
        assertThat(sendExpectingError(cs, ca.getUser(), "hi again").getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(sendExpectingError(ce, ca.getUser(), "boo").getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        cf.sendStanza(chat(cf, ca.getUser(), "hi from a friend"));
        assertDelivered(toA, "hi from a friend");
        // the server still answers the user: its own domain is never blocked
        assertThat(privacy.getPrivacyList("friends-only").getItems()).hasSize(2);
    }

    @Test
    void activeListsArePerSessionAndTheDefaultListCoversTheRest() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        XMPPTCPConnection a1 = login(a, "pc"), a2 = login(a, "phone"), cb = login(b, "x");
        BlockingQueue<Message> toA1 = inbox(a1), toA2 = inbox(a2);
        PrivacyListManager p1 = PrivacyListManager.getInstanceFor(a1), p2 = PrivacyListManager.getInstanceFor(a2);

        p1.createPrivacyList("strict", List.of(denyJid(jid(b), 1, true)));
        p1.createPrivacyList("open", List.of(new PrivacyItem(true, 1)));
        p1.setDefaultListName("strict");
        assertThat(sendExpectingError(cb, a2.getUser(), "1").getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        p2.setActiveListName("open");
        assertThat(p2.getActiveListName()).isEqualTo("open");
        assertThat(p1.getActiveListName()).isNull();
        assertThat(p1.getDefaultListName()).isEqualTo("strict");
        cb.sendStanza(chat(cb, a2.getUser(), "2"));
        assertDelivered(toA2, "2");
        assertThat(sendExpectingError(cb, a1.getUser(), "3").getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        // to the bare JID: the one session whose list allows it takes the message
        cb.sendStanza(chat(cb, jid(a), "4"));
        assertDelivered(toA2, "4");
        assertThat(toA1).isEmpty();

        // errors of §2
        assertThatThrownBy(() -> p1.deletePrivacyList("open")).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                e -> assertThat(conditionOf(e)).isEqualTo(StanzaError.Condition.conflict));
        assertThatThrownBy(() -> p2.setDefaultListName("open")).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                e -> assertThat(conditionOf(e)).isEqualTo(StanzaError.Condition.conflict));
        assertThatThrownBy(() -> p2.declineDefaultList()).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                e -> assertThat(conditionOf(e)).isEqualTo(StanzaError.Condition.conflict));
        assertThatThrownBy(() -> p1.getPrivacyList("nope")).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                e -> assertThat(conditionOf(e)).isEqualTo(StanzaError.Condition.item_not_found));
        assertThatThrownBy(() -> p1.setActiveListName("nope")).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                e -> assertThat(conditionOf(e)).isEqualTo(StanzaError.Condition.item_not_found));
        assertThatThrownBy(() -> p1.setDefaultListName("nope")).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                e -> assertThat(conditionOf(e)).isEqualTo(StanzaError.Condition.item_not_found));

        // a1 declines the default for itself by activating "open"; now nobody else uses "strict"
        p1.setActiveListName("open");
        p2.setDefaultListName("open");
        // a fresh manager: Smack's own caches of the names are not what is checked here
        assertThat(PrivacyListManager.getInstanceFor(login(a, "check")).getDefaultListName()).isEqualTo("open");
        p2.declineActiveList();
        p1.declineActiveList();
        cb.sendStanza(chat(cb, a1.getUser(), "5"));
        assertDelivered(toA1, "5");
        p1.deletePrivacyList("strict");
        assertThat(p1.getPrivacyLists()).extracting(PrivacyList::getName).containsExactly("open");
    }

    @Test
    void editingAListInUsePushesItsNameAndTakesEffectAtOnce() throws Exception {
        String a = newUser(fx, "alice"), b = newUser(fx, "bob");
        XMPPTCPConnection a1 = login(a, "pc"), a2 = login(a, "phone"), cb = login(b, "x");
        BlockingQueue<Message> toA1 = inbox(a1);
        PrivacyListManager p1 = PrivacyListManager.getInstanceFor(a1), p2 = PrivacyListManager.getInstanceFor(a2);
        List<String> pushedTo1 = new CopyOnWriteArrayList<>();
        p1.addListener(new PrivacyListListener() {
            @Override public void setPrivacyList(String listName, List<PrivacyItem> listItem) { }

            @Override public void updatedPrivacyList(String listName) { pushedTo1.add(listName); }
        });

        p1.createPrivacyList("work", List.of(denyJid(jid(b), 1, false)));
        p1.setActiveListName("work");
        assertThat(sendExpectingError(cb, a1.getUser(), "blocked").getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        p2.updatePrivacyList("work", List.of(new PrivacyItem(PrivacyItem.Type.jid, "nobody@localhost", false, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> pushedTo1.size() == 2);
        assertThat(pushedTo1).containsOnly("work");
        cb.sendStanza(chat(cb, a1.getUser(), "now allowed"));
        assertDelivered(toA1, "now allowed");

        // an item the schema forbids is refused
        assertThatThrownBy(() -> p2.updatePrivacyList("work", List.of(new PrivacyItem(true, 1), new PrivacyItem(false, 1))))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(conditionOf(e)).isEqualTo(StanzaError.Condition.bad_request));
    }
}
