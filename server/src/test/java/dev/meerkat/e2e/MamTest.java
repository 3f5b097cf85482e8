package dev.meerkat.e2e;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ;
import org.jivesoftware.smackx.mam.element.MamVersion;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jivesoftware.smackx.xdata.FormField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** mod_mam end to end with Smack's MamManager (XEP-0313, XEP-0441, XEP-0359). */
class MamTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        RawExtension.register("no-store", "urn:xmpp:hints");
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + RosterClients.MODULES + "[modules.mod_mam]\n  max_page_size = 300\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static XMPPTCPConnection login(String user) throws Exception {
        return fx.login(user, "pw-" + user, "r");
    }

    /** Sends the bodies in order, then a ping round trip: the server has routed (and queued) them all. */
    static void send(XMPPTCPConnection from, EntityBareJid to, List<String> bodies) throws Exception {
        for (String b : bodies) from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(b).build());
        assertThat(PingManager.getInstanceFor(from).pingMyServer()).isTrue();
    }

    /** Smack learns the MAM version only in isSupported(); its queries need that first. */
    static MamManager mam(XMPPTCPConnection c) throws Exception {
        MamManager m = MamManager.getInstanceFor(c);
        assertThat(m.isSupported()).isTrue();
        return m;
    }

    static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::getBody).toList();
    }

    static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(prefix + i);
        return out;
    }

    @Test
    void bothArchivesHoldTheConversationAndTheLastPageComesInOrder() throws Exception {
        String alice = RosterClients.newUser(fx, "ma");
        String bob = RosterClients.newUser(fx, "mb");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection b = login(bob);
        send(a, RosterClients.jid(bob), numbered("hello ", 30));

        MamManager bobMam = mam(b);
        MamManager.MamQuery last = bobMam.queryMostRecentPage(RosterClients.jid(alice), 10);
        assertThat(bodies(last.getMessages())).isEqualTo(numbered("hello ", 30).subList(20, 30));
        assertThat((Object) last.getMessages().get(0).getFrom().asBareJid()).isEqualTo(RosterClients.jid(alice));
        assertThat(last.isComplete()).isFalse();

        MamManager.MamQuery sent = mam(a).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(RosterClients.jid(bob)).setResultPageSize(100).build());
        assertThat(bodies(sent.getMessages())).isEqualTo(numbered("hello ", 30));
        assertThat(sent.isComplete()).isTrue();

        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(b);
        assertThat(disco.discoverInfo(RosterClients.jid(bob)).getFeatures()).extracting(f -> f.getVar())
                .contains("urn:xmpp:mam:2", "urn:xmpp:mam:2#extended", "urn:xmpp:sid:0");
    }

    @Test
    void pagingBackwardsThroughAThousandMessagesHasNoGapOrDuplicate() throws Exception {
        String alice = RosterClients.newUser(fx, "pa");
        String bob = RosterClients.newUser(fx, "pb");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection b = login(bob);
        a.setReplyTimeout(60_000);
        List<String> all = numbered("m", 1000);
        send(a, RosterClients.jid(bob), all);

        MamManager.MamQuery q = mam(b).queryArchive(MamManager.MamQueryArgs.builder()
                .queryLastPage().setResultPageSize(90).build());
        List<String> seen = new ArrayList<>(bodies(q.getMessages()));
        int pages = 1;
        while (!q.isComplete()) {
            List<Message> previous = q.pagePrevious(90);
            assertThat(previous).isNotEmpty();
            seen.addAll(0, bodies(previous));
            pages++;
        }
        assertThat(seen).isEqualTo(all);
        assertThat(new HashSet<>(seen)).hasSize(1000);
        assertThat(pages).isEqualTo(12);
        assertThat(q.getPage().getMamFinIq().getRSMSet().getCount()).isEqualTo(1000);

        // a page larger than max_page_size is cut to it
        MamManager.MamQuery big = mam(b).queryArchive(MamManager.MamQueryArgs.builder()
                .setResultPageSize(100_000).build());
        assertThat(big.getMessageCount()).isEqualTo(300);
        assertThat(big.isComplete()).isFalse();
    }

    @Test
    void filtersByCorrespondentTimeAndText() throws Exception {
        String alice = RosterClients.newUser(fx, "fa");
        String carol = RosterClients.newUser(fx, "fc");
        String bob = RosterClients.newUser(fx, "fb");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection c = login(carol);
        XMPPTCPConnection b = login(bob);
        send(a, RosterClients.jid(bob), List.of("from alice, early", "Tea at five?"));
        send(c, RosterClients.jid(bob), List.of("from carol, early"));
        Thread.sleep(20);   // the ids have millisecond resolution: make "middle" fall strictly between
        Instant middle = Instant.now();
        Thread.sleep(20);
        send(a, RosterClients.jid(bob), List.of("from alice, late"));
        send(c, RosterClients.jid(bob), List.of("from carol, late: more TEA"));

        MamManager mam = mam(b);
        assertThat(bodies(mam.queryArchive(MamManager.MamQueryArgs.builder().limitResultsToJid(RosterClients.jid(carol)).build()).getMessages()))
                .containsExactly("from carol, early", "from carol, late: more TEA");
        assertThat(bodies(mam.queryArchive(MamManager.MamQueryArgs.builder().limitResultsToJid(c.getUser()).build()).getMessages()))
                .hasSize(2);
        assertThat(bodies(mam.queryArchive(MamManager.MamQueryArgs.builder().limitResultsSince(Date.from(middle)).build()).getMessages()))
                .containsExactly("from alice, late", "from carol, late: more TEA");
        assertThat(bodies(mam.queryArchive(MamManager.MamQueryArgs.builder().limitResultsBefore(Date.from(middle)).build()).getMessages()))
                .containsExactly("from alice, early", "Tea at five?", "from carol, early");
        FormField fulltext = FormField.textSingleBuilder("{urn:xmpp:fulltext:0}fulltext").setValue("tea").build();
        assertThat(bodies(mam.queryArchive(MamManager.MamQueryArgs.builder().withAdditionalFormField(fulltext).build()).getMessages()))
                .containsExactly("Tea at five?", "from carol, late: more TEA");
        assertThat(mam.retrieveFormFields()).extracting(FormField::getFieldName).contains("with", "start", "end",
                "before-id", "after-id", "ids", "{urn:xmpp:fulltext:0}fulltext");
    }

    @Test
    void preferencesDecideWhatIsArchivedAndNoStoreIsHonoured() throws Exception {
        String alice = RosterClients.newUser(fx, "qa");
        String carol = RosterClients.newUser(fx, "qc");
        String bob = RosterClients.newUser(fx, "qb");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection c = login(carol);
        XMPPTCPConnection b = login(bob);
        MamManager mam = mam(b);
        assertThat(mam.retrieveArchivingPreferences().mamPrefs.getDefault()).isEqualTo(MamPrefsIQ.DefaultBehavior.always);

        // MamPrefsResult.asMamPrefs() of Smack 4.5.0-beta5 fails on any server (it reads the IQ's
        // stanza namespace), so the update is sent as a plain prefs IQ
        MamPrefsIQ update = new MamPrefsIQ(MamVersion.MAM2, List.of(RosterClients.jid(carol)), List.of(), MamPrefsIQ.DefaultBehavior.never);
        update.setType(IQ.Type.set);
        b.sendIqRequestAndWaitForResponse(update);
        MamPrefsIQ stored = mam.retrieveArchivingPreferences().mamPrefs;
        assertThat(stored.getDefault()).isEqualTo(MamPrefsIQ.DefaultBehavior.never);
        assertThat(stored.getAlwaysJids()).containsExactly(RosterClients.jid(carol));
        assertThat(stored.getNeverJids()).isEmpty();

        send(a, RosterClients.jid(bob), List.of("not kept"));
        send(c, RosterClients.jid(bob), List.of("kept"));
        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(RosterClients.jid(carol)).ofType(Message.Type.chat)
                .setBody("private").addExtension(new StandardExtensionElement("no-store", "urn:xmpp:hints")).build());
        send(a, RosterClients.jid(carol), List.of("normal"));
        assertThat(bodies(mam.queryArchive(MamManager.MamQueryArgs.builder().build()).getMessages())).containsExactly("kept");
        assertThat(bodies(mam(c).queryArchive(MamManager.MamQueryArgs.builder().build()).getMessages()))
                .containsExactly("kept", "normal");

        MamPrefsIQ always = new MamPrefsIQ(MamVersion.MAM2, List.of(), List.of(), MamPrefsIQ.DefaultBehavior.always);
        always.setType(IQ.Type.set);
        b.sendIqRequestAndWaitForResponse(always);
        send(a, RosterClients.jid(bob), List.of("kept now"));
        assertThat(bodies(mam.queryArchive(MamManager.MamQueryArgs.builder().build()).getMessages())).containsExactly("kept", "kept now");
    }

    @Test
    void deliveredMessagesCarryTheArchiveIdAndForgedOnesAreRemoved() throws Exception {
        String alice = RosterClients.newUser(fx, "sa");
        String bob = RosterClients.newUser(fx, "sb");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection b = login(bob);
        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        b.addSyncStanzaListener(s -> inbox.add((Message) s), StanzaTypeFilter.MESSAGE);
        // to the full JID: delivered even if bob's initial presence is not processed yet
        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(b.getUser()).ofType(Message.Type.chat)
                .setBody("stamped").addExtension(new StanzaIdElement("forged", bob + "@localhost")).build());
        Message got = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        List<StanzaIdElement> ids = got.getExtensions(StanzaIdElement.class);
        assertThat(ids).singleElement().satisfies(id -> {
            assertThat(id.getBy()).isEqualTo(bob + "@localhost");
            assertThat(id.getId()).isNotEqualTo("forged");
        });
        MamManager.MamQuery q = mam(b).queryMostRecentPage(null, 1);
        MamElements.MamResultExtension result = q.getMamResultExtensions().get(0);
        assertThat(result.getId()).isEqualTo(ids.get(0).getId());
        assertThat(result.getForwarded().getForwardedStanza().getBody()).isEqualTo("stamped");
        assertThat(result.getForwarded().getDelayInformation().getStamp()).isNotNull();
        assertThat(mam(b).getMessageUidOfLatestMessage()).isEqualTo(ids.get(0).getId());
    }

    @Test
    void badQueriesGetErrors() throws Exception {
        String alice = RosterClients.newUser(fx, "ea");
        String bob = RosterClients.newUser(fx, "eb");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection b = login(bob);
        send(a, RosterClients.jid(bob), List.of("one"));
        MamManager mam = mam(b);

        assertThatThrownBy(() -> mam.queryArchive(MamManager.MamQueryArgs.builder().afterUid("0000000000000").build()))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
        FormField unknown = FormField.textSingleBuilder("colour").setValue("red").build();
        assertThatThrownBy(() -> mam.queryArchive(MamManager.MamQueryArgs.builder().withAdditionalFormField(unknown).build()))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.bad_request));
        // someone else's archive
        RawIq foreign = new RawIq(IQ.Type.set, "query", "urn:xmpp:mam:2", "");
        foreign.setTo(RosterClients.jid(bob));
        assertThatThrownBy(() -> a.sendIqRequestAndWaitForResponse(foreign))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        IQ metadata = b.sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.get, "metadata", "urn:xmpp:mam:2", ""));
        assertThat(metadata.toXML().toString()).contains("start id=").contains("end id=").contains("timestamp=");
    }
}
