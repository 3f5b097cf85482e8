package dev.meerkat.e2e;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.muc.Affiliate;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XEP-0045 group chat through Smack's MultiUserChatManager: every flow of mod_muc and its errors. */
class MucTest {
    private static final AtomicInteger ROOMS = new AtomicInteger();
    private static ServerFixture fx;
    private static XMPPTCPConnection alice;
    private static XMPPTCPConnection bob;
    private static XMPPTCPConnection carol;

    @BeforeAll
    static void start() throws Exception {
        fx = new ServerFixture("""
                [modules.mod_muc]
                  max_users = 50
                  history_size = 5
                """);
        for (String u : List.of("alice", "bob", "carol")) fx.createUser(u, "pw-" + u);
        alice = fx.login("alice", "pw-alice", "a");
        bob = fx.login("bob", "pw-bob", "b");
        carol = fx.login("carol", "pw-carol", "c");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    static EntityBareJid newRoom() throws Exception {
        return JidCreate.entityBareFrom("room" + ROOMS.incrementAndGet() + "@muc.localhost");
    }

    static MultiUserChat muc(XMPPTCPConnection c, EntityBareJid room) {
        return MultiUserChatManager.getInstanceFor(c).getMultiUserChat(room);
    }

    static Resourcepart nick(String n) throws Exception { return Resourcepart.from(n); }

    /** Presence stanzas from the room, as the connection receives them. */
    static BlockingQueue<Presence> presences(XMPPTCPConnection c, EntityBareJid room) {
        BlockingQueue<Presence> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Presence) s),
                s -> s instanceof Presence && s.getFrom() != null && s.getFrom().asBareJid().equals(room));
        return q;
    }

    static BlockingQueue<Message> messages(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Message) s), StanzaTypeFilter.MESSAGE);
        return q;
    }

    /** Messages from one room (other tests' rooms may still be talking). */
    static BlockingQueue<Message> messages(XMPPTCPConnection c, EntityBareJid room) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Message) s),
                s -> s instanceof Message && s.getFrom() != null && s.getFrom().asBareJid().equals(room));
        return q;
    }

    static Set<Integer> codes(Stanza s) {
        MUCUser x = MUCUser.from(s);
        return x == null ? Set.of() : x.getStatus().stream().map(MUCUser.Status::getCode).collect(Collectors.toSet());
    }

    static <T> T next(BlockingQueue<T> q, java.util.function.Predicate<T> which) throws InterruptedException {
        while (true) {
            T t = q.poll(5, TimeUnit.SECONDS);
            assertThat(t).as("expected stanza").isNotNull();
            if (which.test(t)) return t;
        }
    }

    static StanzaError.Condition errorOf(ThrowingRunnable r) {
        try {
            r.run();
        } catch (XMPPErrorException e) {
            return e.getStanzaError().getCondition();
        } catch (Exception e) {
            throw new AssertionError("expected an XMPP error, got " + e, e);
        }
        throw new AssertionError("expected an XMPP error");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static MultiUserChat instantRoom(XMPPTCPConnection owner, EntityBareJid room, String nick) throws Exception {
        MultiUserChat m = muc(owner, room);
        m.create(nick(nick)).makeInstant();
        return m;
    }

    // ---- creation and discovery ----

    @Test
    void serviceIsDiscoveredAsAnItemOfTheServerWithTheMucFeature() throws Exception {
        assertThat(MultiUserChatManager.getInstanceFor(alice).getMucServiceDomains())
                .extracting(Object::toString).containsExactly("muc.localhost");
        assertThat(ServiceDiscoveryManager.getInstanceFor(alice).discoverInfo(JidCreate.from("muc.localhost"))
                .containsFeature("http://jabber.org/protocol/muc")).isTrue();
    }

    @Test
    void instantRoomIsCreatedWithStatus201AndListedWhenPublic() throws Exception {
        EntityBareJid room = newRoom();
        BlockingQueue<Presence> in = presences(alice, room);
        MultiUserChat m = instantRoom(alice, room, "Alice");
        Presence self = next(in, p -> codes(p).contains(110));
        assertThat(codes(self)).contains(201);
        assertThat(MUCUser.from(self).getItem().getAffiliation()).isEqualTo(MUCAffiliationOwner.OWNER);
        assertThat(MultiUserChatManager.getInstanceFor(bob).getRoomsHostedBy(JidCreate.domainBareFrom("muc.localhost")))
                .containsKey(room);
        assertThat(m.isJoined()).isTrue();
    }

    @Test
    void reservedRoomIsLockedForOthersUntilConfigured() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat owner = muc(alice, room);
        owner.create(nick("Alice"));
        assertThat(errorOf(() -> muc(bob, room).join(nick("Bob")))).isEqualTo(StanzaError.Condition.item_not_found);
        FillableForm form = owner.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_roomname", "Tea room");
        form.setAnswer("muc#roomconfig_roomdesc", "All about tea");
        owner.sendConfigurationForm(form);
        muc(bob, room).join(nick("Bob"));
        RoomInfo info = MultiUserChatManager.getInstanceFor(bob).getRoomInfo(room);
        assertThat(info.getName()).isEqualTo("Tea room");
        assertThat(info.getDescription()).isEqualTo("All about tea");
        assertThat(info.getOccupantsCount()).isEqualTo(2);
    }

    @Test
    void withoutModMamNoRoomOffersAnArchive() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        assertThat(a.getConfigurationForm().getField("muc#roomconfig_enablearchiving")).isNull();
        assertThat(a.getConfigFormManager().supportsPublicLogging()).isFalse();
        Presence self = muc(bob, room).join(nick("Bob"));
        assertThat(codes(self)).contains(110).doesNotContain(170);
        assertThat(ServiceDiscoveryManager.getInstanceFor(bob).discoverInfo(room).getFeatures())
                .extracting(f -> f.getVar()).doesNotContain("urn:xmpp:mam:2", "urn:xmpp:sid:0");
    }

    @Test
    void onlyOwnersGetTheConfigurationForm() throws Exception {
        EntityBareJid room = newRoom();
        instantRoom(alice, room, "Alice");
        MultiUserChat b = muc(bob, room);
        b.join(nick("Bob"));
        assertThat(errorOf(b::getConfigurationForm)).isEqualTo(StanzaError.Condition.forbidden);
    }

    @Test
    void temporaryRoomVanishesWhenTheLastOccupantLeaves() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat m = instantRoom(alice, room, "Alice");
        m.leave();
        assertThat(errorOf(() -> MultiUserChatManager.getInstanceFor(bob).getRoomInfo(room)))
                .isEqualTo(StanzaError.Condition.item_not_found);
        // the name is free again: Bob creates a new room with it and owns it
        instantRoom(bob, room, "Bob");
        assertThat(muc(bob, room).getOwners()).extracting(a -> a.getJid().toString()).containsExactly("bob@localhost");
    }

    // ---- presence ----

    @Test
    void joinAndLeaveArePresenceBroadcastWithSelfCodes() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        BlockingQueue<Presence> aliceIn = presences(alice, room);
        BlockingQueue<Presence> bobIn = presences(bob, room);
        muc(bob, room).join(nick("Bob"));
        Presence aliceSeen = next(bobIn, p -> p.getFrom().getResourceOrNull().toString().equals("Alice"));
        assertThat(MUCUser.from(aliceSeen).getItem().getRole()).hasToString("moderator");
        assertThat((Object) MUCUser.from(aliceSeen).getItem().getJid()).as("semi-anonymous room hides real JIDs").isNull();
        Presence bobSelf = next(bobIn, p -> codes(p).contains(110));
        assertThat(bobSelf.getFrom().toString()).isEqualTo(room + "/Bob");
        Presence bobSeen = next(aliceIn, p -> p.getFrom().toString().equals(room + "/Bob"));
        assertThat(MUCUser.from(bobSeen).getItem().getJid().toString()).as("moderators see real JIDs").isEqualTo("bob@localhost/b");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(a.getOccupants()).hasSize(2));

        muc(bob, room).leave();
        Presence gone = next(aliceIn, p -> p.getType() == Presence.Type.unavailable);
        assertThat(gone.getFrom().toString()).isEqualTo(room + "/Bob");
        assertThat(MUCUser.from(gone).getItem().getRole()).hasToString("none");
    }

    @Test
    void nonAnonymousRoomSendsStatus100AndRealJids() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = muc(alice, room);
        a.create(nick("Alice"));
        FillableForm form = a.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_whois", "anyone");
        a.sendConfigurationForm(form);
        BlockingQueue<Presence> bobIn = presences(bob, room);
        muc(bob, room).join(nick("Bob"));
        Presence aliceSeen = next(bobIn, p -> p.getFrom().getResourceOrNull().toString().equals("Alice"));
        assertThat(MUCUser.from(aliceSeen).getItem().getJid().toString()).isEqualTo("alice@localhost/a");
        assertThat(codes(next(bobIn, p -> codes(p).contains(110)))).contains(100);
    }

    @Test
    void takenNickIsAConflict() throws Exception {
        EntityBareJid room = newRoom();
        instantRoom(alice, room, "Alice");
        assertThat(errorOf(() -> muc(bob, room).join(nick("Alice")))).isEqualTo(StanzaError.Condition.conflict);
    }

    @Test
    void nickChangeIsAnnouncedWith303() throws Exception {
        EntityBareJid room = newRoom();
        instantRoom(alice, room, "Alice");
        MultiUserChat b = muc(bob, room);
        b.join(nick("Bob"));
        BlockingQueue<Presence> aliceIn = presences(alice, room);
        b.changeNickname(nick("Robert"));
        Presence left = next(aliceIn, p -> p.getType() == Presence.Type.unavailable);
        assertThat(codes(left)).contains(303);
        assertThat(MUCUser.from(left).getItem().getNick()).hasToString("Robert");
        Presence back = next(aliceIn, p -> p.getType() == Presence.Type.available);
        assertThat(back.getFrom().toString()).isEqualTo(room + "/Robert");
        assertThat(b.getNickname()).hasToString("Robert");
        assertThat(errorOf(() -> b.changeNickname(nick("Alice")))).isEqualTo(StanzaError.Condition.conflict);
    }

    // ---- entry rules ----

    @Test
    void passwordProtectedRoomWantsThePassword() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = muc(alice, room);
        a.create(nick("Alice")).getConfigFormManager().setAndEnablePassword("s3cret").submitConfigurationForm();
        assertThat(errorOf(() -> muc(bob, room).join(nick("Bob")))).isEqualTo(StanzaError.Condition.not_authorized);
        assertThat(errorOf(() -> muc(bob, room).join(nick("Bob"), "wrong"))).isEqualTo(StanzaError.Condition.not_authorized);
        muc(bob, room).join(nick("Bob"), "s3cret");
        assertThat(MultiUserChatManager.getInstanceFor(bob).getRoomInfo(room).isPasswordProtected()).isTrue();
    }

    @Test
    void membersOnlyRoomAdmitsMembersOnly() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = muc(alice, room);
        a.create(nick("Alice")).getConfigFormManager().makeMembersOnly().submitConfigurationForm();
        assertThat(errorOf(() -> muc(bob, room).join(nick("Bob")))).isEqualTo(StanzaError.Condition.registration_required);
        a.grantMembership(JidCreate.bareFrom("bob@localhost"));
        muc(bob, room).join(nick("Bob"));
        assertThat(a.getMembers()).extracting(m -> m.getJid().toString()).containsExactly("bob@localhost");
        assertThat(MultiUserChatManager.getInstanceFor(bob).getRoomInfo(room).isMembersOnly()).isTrue();

        BlockingQueue<Presence> bobIn = presences(bob, room);
        a.revokeMembership(JidCreate.bareFrom("bob@localhost"));
        Presence removed = next(bobIn, p -> p.getType() == Presence.Type.unavailable);
        assertThat(codes(removed)).contains(321, 110);
    }

    @Test
    void fullRoomRefusesNewcomers() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = muc(alice, room);
        a.create(nick("Alice"));
        FillableForm form = a.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_maxusers", "2");
        a.sendConfigurationForm(form);
        muc(bob, room).join(nick("Bob"));
        assertThat(errorOf(() -> muc(carol, room).join(nick("Carol")))).isEqualTo(StanzaError.Condition.service_unavailable);
    }

    // ---- moderation ----

    @Test
    void kickRemovesTheOccupantWith307() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        MultiUserChat b = muc(bob, room);
        b.join(nick("Bob"));
        BlockingQueue<Presence> bobIn = presences(bob, room);
        a.kickParticipant(nick("Bob"), "behave");
        Presence kicked = next(bobIn, p -> p.getType() == Presence.Type.unavailable);
        assertThat(codes(kicked)).contains(307, 110);
        assertThat(MUCUser.from(kicked).getItem().getReason()).isEqualTo("behave");
        assertThat((Object) MUCUser.from(kicked).getItem().getActor()).isNull();
        assertThat(MUCUser.from(kicked).getItem().getActorNick()).hasToString("Alice");
        b.join(nick("Bob"));
        assertThat(errorOf(() -> b.kickParticipant(nick("Alice"), "no"))).isEqualTo(StanzaError.Condition.forbidden);
    }

    @Test
    void bannedUserIsRemovedWith301AndCannotReturn() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        muc(bob, room).join(nick("Bob"));
        BlockingQueue<Presence> bobIn = presences(bob, room);
        a.banUser(JidCreate.bareFrom("bob@localhost"), "spam");
        assertThat(codes(next(bobIn, p -> p.getType() == Presence.Type.unavailable))).contains(301);
        assertThat(errorOf(() -> muc(bob, room).join(nick("Bob")))).isEqualTo(StanzaError.Condition.forbidden);
        assertThat(a.getOutcasts()).extracting(o -> o.getJid().toString()).containsExactly("bob@localhost");
    }

    @Test
    void moderatedRoomGivesVisitorsNoVoiceUntilGranted() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = muc(alice, room);
        a.create(nick("Alice")).getConfigFormManager().makeModerated().submitConfigurationForm();
        MultiUserChat b = muc(bob, room);
        b.join(nick("Bob"));
        BlockingQueue<Message> bobIn = messages(bob);
        b.sendMessage("may I?");
        Message refused = next(bobIn, m -> m.getType() == Message.Type.error);
        assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);

        a.grantVoice(nick("Bob"));
        assertThat(a.getParticipants()).extracting(o -> o.getNick().toString()).containsExactly("Bob");
        b.sendMessage("thanks");
        assertThat(next(bobIn, m -> "thanks".equals(m.getBody())).getFrom().toString()).isEqualTo(room + "/Bob");
        a.revokeVoice(nick("Bob"));
        assertThat(a.getParticipants()).isEmpty();
    }

    @Test
    void affiliationListsAndAdminAndOwnerGrants() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        MultiUserChat b = muc(bob, room);
        b.join(nick("Bob"));
        BlockingQueue<Presence> bobIn = presences(bob, room);
        a.grantAdmin(JidCreate.bareFrom("bob@localhost"));
        // the self-presence of Bob's join may still be in the queue: wait for the one that changes his role
        Presence promoted = next(bobIn, p -> codes(p).contains(110) && MUCUser.from(p).getItem().getAffiliation().toString().equals("admin"));
        assertThat(MUCUser.from(promoted).getItem().getRole()).hasToString("moderator");
        assertThat(a.getAdmins()).extracting(x -> x.getJid().toString()).containsExactly("bob@localhost");
        // an admin may not touch owners, nor make owners
        assertThat(errorOf(() -> b.grantOwnership(JidCreate.bareFrom("carol@localhost")))).isEqualTo(StanzaError.Condition.not_allowed);
        assertThat(errorOf(() -> b.banUser(JidCreate.bareFrom("alice@localhost"), null))).isEqualTo(StanzaError.Condition.not_allowed);
        a.grantOwnership(JidCreate.bareFrom("carol@localhost"));
        assertThat(a.getOwners()).extracting(Affiliate::getJid).extracting(Object::toString)
                .containsExactlyInAnyOrder("alice@localhost", "carol@localhost");
        a.revokeOwnership(JidCreate.bareFrom("carol@localhost"));
        // the last owner cannot leave the room ownerless
        assertThat(errorOf(() -> a.revokeOwnership(JidCreate.bareFrom("alice@localhost")))).isEqualTo(StanzaError.Condition.conflict);
    }

    // ---- messages ----

    @Test
    void groupchatIsReflectedToEveryoneAndRefusedFromNonOccupants() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        MultiUserChat b = muc(bob, room);
        b.join(nick("Bob"));
        BlockingQueue<Message> aliceIn = messages(alice);
        BlockingQueue<Message> bobIn = messages(bob);
        a.sendMessage("hello all");
        Message atBob = next(bobIn, m -> m.getBody() != null);
        assertThat(atBob.getBody()).isEqualTo("hello all");
        assertThat(atBob.getFrom().toString()).isEqualTo(room + "/Alice");
        assertThat(next(aliceIn, m -> m.getBody() != null).getBody()).as("the sender gets its message back").isEqualTo("hello all");

        BlockingQueue<Message> carolIn = messages(carol);
        carol.sendStanza(carol.getStanzaFactory().buildMessageStanza().to(room).ofType(Message.Type.groupchat).setBody("psst").build());
        assertThat(next(carolIn, m -> m.getType() == Message.Type.error).getError().getCondition())
                .isEqualTo(StanzaError.Condition.not_acceptable);
    }

    @Test
    void privateMessagesGoFromTheOccupantJid() throws Exception {
        EntityBareJid room = newRoom();
        instantRoom(alice, room, "Alice");
        muc(bob, room).join(nick("Bob"));
        BlockingQueue<Message> bobIn = messages(bob);
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from(room + "/Bob"))
                .ofType(Message.Type.chat).setBody("just for you").build());
        Message pm = next(bobIn, m -> "just for you".equals(m.getBody()));
        assertThat(pm.getFrom().toString()).isEqualTo(room + "/Alice");
        assertThat(MUCUser.from(pm)).isNotNull();

        BlockingQueue<Message> aliceIn = messages(alice);
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from(room + "/Nobody"))
                .ofType(Message.Type.chat).setBody("hello?").build());
        assertThat(next(aliceIn, m -> m.getType() == Message.Type.error).getError().getCondition())
                .isEqualTo(StanzaError.Condition.item_not_found);
    }

    @Test
    void privateMessagesCanBeDisallowed() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = muc(alice, room);
        a.create(nick("Alice"));
        FillableForm form = a.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_allowpm", "none");
        a.sendConfigurationForm(form);
        muc(bob, room).join(nick("Bob"));
        BlockingQueue<Message> bobIn = messages(bob);
        bob.sendStanza(bob.getStanzaFactory().buildMessageStanza().to(JidCreate.from(room + "/Alice"))
                .ofType(Message.Type.chat).setBody("hi").build());
        assertThat(next(bobIn, m -> m.getType() == Message.Type.error).getError().getCondition())
                .isEqualTo(StanzaError.Condition.forbidden);
    }

    @Test
    void subjectIsChangedByModeratorsAndSentOnJoin() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        a.changeSubject("Today: tea");
        MultiUserChat b = muc(bob, room);
        b.join(nick("Bob"));
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(b.getSubject()).isEqualTo("Today: tea"));
        assertThat(errorOf(() -> b.changeSubject("mine now"))).isEqualTo(StanzaError.Condition.forbidden);
    }

    @Test
    void historyIsReplayedWithDelayAfterPresenceAndBeforeSubject() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        for (int i = 1; i <= 7; i++) a.sendMessage("m" + i);
        a.changeSubject("topic");
        BlockingQueue<Message> bobIn = messages(bob, room);
        muc(bob, room).join(nick("Bob"));
        java.util.List<String> bodies = new java.util.ArrayList<>();
        Message m;
        while ((m = next(bobIn, x -> true)).getSubject() == null) {
            bodies.add(m.getBody());
            assertThat(DelayInformation.from(m)).as("history carries a delay stamp").isNotNull();
        }
        assertThat(bodies).as("history_size = 5").containsExactly("m3", "m4", "m5", "m6", "m7");
        assertThat(m.getSubject()).isEqualTo("topic");

        BlockingQueue<Message> carolIn = messages(carol, room);
        MultiUserChat c = muc(carol, room);
        c.join(c.getEnterConfigurationBuilder(nick("Carol")).requestMaxStanzasHistory(2).build());
        List<String> two = new java.util.ArrayList<>();
        while ((m = next(carolIn, x -> true)).getSubject() == null) two.add(m.getBody());
        assertThat(two).containsExactly("m6", "m7");
    }

    @Test
    void invitationsAreMediatedAndDeclinesReturned() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        BlockingQueue<String> invites = new LinkedBlockingQueue<>();
        MultiUserChatManager.getInstanceFor(bob).addInvitationListener(
                (conn, r, inviter, reason, password, message, invitation) -> invites.add(r.getRoom() + " " + inviter + " " + reason));
        BlockingQueue<String> declines = new LinkedBlockingQueue<>();
        a.addInvitationRejectionListener((invitee, reason, message, rejection) -> declines.add(invitee + " " + reason));
        a.invite(JidCreate.entityBareFrom("bob@localhost"), "join us");
        assertThat(invites.poll(5, TimeUnit.SECONDS)).isEqualTo(room + " alice@localhost/a join us");
        MultiUserChatManager.getInstanceFor(bob).decline(room, JidCreate.entityBareFrom("alice@localhost"), "busy");
        assertThat(declines.poll(5, TimeUnit.SECONDS)).isEqualTo("bob@localhost busy");
    }

    @Test
    void destroyTellsOccupantsTheAlternateVenue() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        muc(bob, room).join(nick("Bob"));
        BlockingQueue<Presence> bobIn = presences(bob, room);
        assertThat(errorOf(() -> muc(bob, room).destroy("mine", null))).isEqualTo(StanzaError.Condition.forbidden);
        a.destroy("moving", JidCreate.entityBareFrom("new@muc.localhost"));
        Presence gone = next(bobIn, p -> p.getType() == Presence.Type.unavailable);
        assertThat((Object) MUCUser.from(gone).getDestroy().getJid()).hasToString("new@muc.localhost");
        assertThat(MUCUser.from(gone).getDestroy().getReason()).isEqualTo("moving");
        assertThat(errorOf(() -> MultiUserChatManager.getInstanceFor(bob).getRoomInfo(room)))
                .isEqualTo(StanzaError.Condition.item_not_found);
    }

    @Test
    void closedSessionLeavesItsRooms() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat a = instantRoom(alice, room, "Alice");
        fx.createUser("dave", "pw-dave");
        XMPPTCPConnection dave = fx.login("dave", "pw-dave", "d");
        muc(dave, room).join(nick("Dave"));
        BlockingQueue<Presence> aliceIn = presences(alice, room);
        dave.disconnect();
        Presence gone = next(aliceIn, p -> p.getType() == Presence.Type.unavailable);
        assertThat(gone.getFrom().toString()).isEqualTo(room + "/Dave");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(a.getOccupants()).hasSize(1));
    }

    /** Smack spells the owner affiliation as an enum constant; an alias keeps assertions readable. */
    private static final class MUCAffiliationOwner {
        static final org.jivesoftware.smackx.muc.MUCAffiliation OWNER = org.jivesoftware.smackx.muc.MUCAffiliation.owner;
    }
}
