package dev.meerkat.e2e;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.admin.ServiceAdministrationManager;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** mod_adhoc: XEP-0050 through Smack's AdHocCommandManager, and the XEP-0133 admin commands. */
class AdhocCommandsTest {
    private static final String NS = "http://jabber.org/protocol/commands";
    private static final String ADMIN = "http://jabber.org/protocol/admin#";
    private static ServerFixture fx;
    private static DomainBareJid host;
    private final List<XMPPTCPConnection> open = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fx = new ServerFixture(ServerFixture.Settings.defaults()
                .modules(ServerFixture.Settings.DEFAULT_MODULES + RosterClients.MODULES + "[modules.mod_adhoc]\n")
                .extra("[acl]\n  admin = [{user = \"boss\", server = \"localhost\"}]\n"));
        fx.createUser("boss", "boss-pass");
        fx.createUser("alice", "a-pass");
        fx.createUser("bob", "b-pass");
        host = JidCreate.domainBareFrom("localhost");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @AfterEach
    void disconnect() {
        open.forEach(XMPPTCPConnection::disconnect);
    }

    private XMPPTCPConnection login(String user, String pass, String resource) throws Exception {
        XMPPTCPConnection c = fx.login(user, pass, resource);
        open.add(c);
        return c;
    }

    private XMPPTCPConnection admin() throws Exception { return login("boss", "boss-pass", "console-" + open.size()); }

    private static AdHocCommand command(XMPPTCPConnection c, String name) {
        return AdHocCommandManager.getInstance(c).getRemoteCommand(host, ADMIN + name);
    }

    /** Runs a one-form command: execute, fill, submit. */
    private static AdHocCommandResult run(XMPPTCPConnection c, String name, Map<String, Object> answers) throws Exception {
        AdHocCommand cmd = command(c, name);
        FillableForm form = cmd.execute().asExecutingOrThrow().getFillableForm();
        answers.forEach((var, value) -> {
            if (value instanceof List<?> l) form.setAnswer(var, l.stream().map(String::valueOf).toList());
            else form.setAnswer(var, String.valueOf(value));
        });
        return cmd.execute(form);
    }

    private static String value(AdHocCommandResult r, String var) {
        return r.getResponse().getForm().getField(var).getFirstValue();
    }

    private static StanzaError errorOf(Throwable t) {
        return ((XMPPException.XMPPErrorException) t).getStanzaError();
    }

    /** True if the error carries that XEP-0050 condition. */
    private static boolean commandCondition(Throwable t, String name) {
        Object extension = errorOf(t).getExtension(name, NS);
        return extension != null;
    }

    private static IQ rawCommand(Map<String, String> attrs) {
        IQ iq = new IQ("command", NS) {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                attrs.forEach(xml::attribute);
                xml.setEmptyElement();
                return xml;
            }
        };
        iq.setType(IQ.Type.set);
        iq.setTo(host);
        return iq;
    }

    @Test
    void adminDiscoversEveryCommandAndItsNode() throws Exception {
        XMPPTCPConnection a = admin();
        DiscoverItems items = AdHocCommandManager.getInstance(a).discoverCommands(host);
        assertThat(items.getItems()).extracting(DiscoverItems.Item::getNode).contains(
                ADMIN + "add-user", ADMIN + "delete-user", ADMIN + "change-user-password", ADMIN + "get-user-roster",
                ADMIN + "get-online-users-num", ADMIN + "get-registered-users-num", ADMIN + "get-online-users-list",
                ADMIN + "end-user-session", ADMIN + "announce");
        assertThat(items.getItems()).allSatisfy(i -> assertThat(i.getEntityID().toString()).isEqualTo("localhost"));
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(a).discoverInfo(host, ADMIN + "add-user");
        assertThat(info.getIdentities()).anySatisfy(id -> {
            assertThat(id.getCategory()).isEqualTo("automation");
            assertThat(id.getType()).isEqualTo("command-node");
        });
        assertThat(info.containsFeature(NS)).isTrue();
        assertThat(info.containsFeature("jabber:x:data")).isTrue();
        assertThat(ServiceDiscoveryManager.getInstanceFor(a).discoverInfo(host).containsFeature(NS)).isTrue();
    }

    @Test
    void nonAdminSeesNoCommandsAndIsForbidden() throws Exception {
        XMPPTCPConnection alice = login("alice", "a-pass", "curious");
        assertThat(AdHocCommandManager.getInstance(alice).discoverCommands(host).getItems()).isEmpty();
        assertThatThrownBy(() -> command(alice, "get-registered-users-num").execute())
                .satisfies(e -> assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        assertThatThrownBy(() -> ServiceDiscoveryManager.getInstanceFor(alice).discoverInfo(host, ADMIN + "add-user"))
                .satisfies(e -> assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.forbidden));
    }

    @Test
    void addUserCreatesAnAccountAndRefusesATakenName() throws Exception {
        XMPPTCPConnection a = admin();
        ServiceAdministrationManager.getInstanceFor(a).addUser(JidCreate.entityBareFrom("carol@localhost"), "c-pass");
        assertThat(login("carol", "c-pass", "new").isAuthenticated()).isTrue();
        assertThatThrownBy(() -> run(a, "add-user", Map.of("accountjid", "carol@localhost", "password", "x", "password-verify", "x")))
                .satisfies(e -> assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.conflict));
        assertThatThrownBy(() -> run(a, "add-user", Map.of("accountjid", "dave@localhost", "password", "x", "password-verify", "y")))
                .satisfies(e -> assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
    }

    @Test
    void deleteUserRemovesTheAccountAndEndsItsSessions() throws Exception {
        fx.createUser("eve", "e-pass");
        XMPPTCPConnection eve = login("eve", "e-pass", "doomed");
        XMPPTCPConnection a = admin();
        ServiceAdministrationManager.getInstanceFor(a).deleteUser(JidCreate.entityBareFrom("eve@localhost"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !eve.isConnected());
        assertThatThrownBy(() -> login("eve", "e-pass", "again")).isInstanceOf(SASLErrorException.class);
        assertThatThrownBy(() -> run(a, "delete-user", Map.of("accountjids", List.of("eve@localhost"))))
                .satisfies(e -> assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
    }

    @Test
    void changeUserPasswordTakesEffectAtTheNextLogin() throws Exception {
        fx.createUser("frank", "old-pass");
        XMPPTCPConnection a = admin();
        AdHocCommandResult r = run(a, "change-user-password", Map.of("accountjid", "frank@localhost", "password", "new-pass"));
        assertThat(r.isCompleted()).isTrue();
        assertThat(r.getResponse().getNotes()).isNotEmpty();
        assertThat(login("frank", "new-pass", "r").isAuthenticated()).isTrue();
        assertThatThrownBy(() -> login("frank", "old-pass", "r2")).isInstanceOf(SASLErrorException.class);
        assertThatThrownBy(() -> run(a, "change-user-password", Map.of("accountjid", "nobody@localhost", "password", "p")))
                .satisfies(e -> assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
    }

    @Test
    void getUserRosterReturnsTheRosterInsideTheForm() throws Exception {
        fx.createUser("gina", "g-pass");
        XMPPTCPConnection gina = login("gina", "g-pass", "r");
        Roster.getInstanceFor(gina).createItem(JidCreate.entityBareFrom("bob@localhost"), "Bobby", new String[] {"Friends"});
        XMPPTCPConnection a = admin();
        AdHocCommandResult r = run(a, "get-user-roster", Map.of("accountjid", "gina@localhost"));
        DataForm form = r.getResponse().getForm();
        assertThat(form.getField("accountjid").getFirstValue()).isEqualTo("gina@localhost");
        RosterPacket roster = form.getExtensionElements().stream().filter(RosterPacket.class::isInstance)
                .map(RosterPacket.class::cast).findFirst().orElseThrow();
        assertThat(roster.getRosterItems()).singleElement().satisfies(i -> {
            assertThat(i.getJid().toString()).isEqualTo("bob@localhost");
            assertThat(i.getName()).isEqualTo("Bobby");
            assertThat(i.getGroupNames()).containsExactly("Friends");
        });
    }

    @Test
    void countsAndListsOnlineAndRegisteredUsers() throws Exception {
        XMPPTCPConnection a = admin();
        login("alice", "a-pass", "one");
        login("alice", "a-pass", "two");
        long registered = fx.server.services().auth().countUsers("localhost");
        assertThat(value(command(a, "get-registered-users-num").execute(), "registeredusersnum")).isEqualTo(Long.toString(registered));
        // users, not sessions: alice's two resources count once
        // sessions of earlier tests end asynchronously after their clients leave
        await().atMost(Duration.ofSeconds(10)).until(() -> value(command(a, "get-online-users-num").execute(), "onlineusersnum").equals("2"));
        AdHocCommandResult list = run(a, "get-online-users-list", Map.of("max_items", "none"));
        assertThat(list.getResponse().getForm().getField("onlineuserjids").getValuesAsString())
                .containsExactly("alice@localhost", "boss@localhost");
        AdHocCommandResult one = run(a, "get-online-users-list", Map.of("max_items", "25"));
        assertThat(one.getResponse().getForm().getField("onlineuserjids").getValuesAsString()).hasSize(2);
    }

    @Test
    void endUserSessionClosesOneResourceOrAll() throws Exception {
        XMPPTCPConnection one = login("bob", "b-pass", "one");
        XMPPTCPConnection two = login("bob", "b-pass", "two");
        XMPPTCPConnection a = admin();
        run(a, "end-user-session", Map.of("accountjids", List.of(one.getUser().toString())));
        await().atMost(Duration.ofSeconds(10)).until(() -> !one.isConnected());
        assertThat(two.isConnected()).isTrue();
        run(a, "end-user-session", Map.of("accountjids", List.of("bob@localhost")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !two.isConnected());
        assertThatThrownBy(() -> run(a, "end-user-session", Map.of("accountjids", List.of("bob@localhost"))))
                .satisfies(e -> assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Message) s), StanzaTypeFilter.MESSAGE);
        return q;
    }

    @Test
    void announceIsMultiStageWithPrevAndReachesOnlineUsers() throws Exception {
        XMPPTCPConnection alice = login("alice", "a-pass", "listening");
        BlockingQueue<Message> in = inbox(alice);
        XMPPTCPConnection a = admin();
        AdHocCommand cmd = command(a, "announce");
        AdHocCommandResult first = cmd.execute();
        assertThat(first.getResponse().getActions()).containsExactlyInAnyOrder(
                AdHocCommandData.AllowedAction.next, AdHocCommandData.AllowedAction.complete);
        assertThat(first.getResponse().getExecuteAction()).isEqualTo(AdHocCommandData.AllowedAction.next);
        FillableForm text = first.asExecutingOrThrow().getFillableForm();
        text.setAnswer("subject", "Maintenance");
        text.setAnswer("announcement", "Down at noon");

        AdHocCommandResult confirm = cmd.next(text.getSubmitForm());
        assertThat(confirm.getResponse().getActions()).contains(AdHocCommandData.AllowedAction.prev, AdHocCommandData.AllowedAction.complete);
        assertThat(confirm.getResponse().getForm().getTitle()).isEqualTo("Confirm the Announcement");
        AdHocCommandResult back = cmd.prev();
        assertThat(back.getResponse().getForm().getTitle()).isEqualTo("Making an Announcement");
        assertThat(back.getResponse().getActions()).doesNotContain(AdHocCommandData.AllowedAction.prev);
        AdHocCommandResult again = cmd.next(text.getSubmitForm());
        AdHocCommandResult done = cmd.complete(again.asExecutingOrThrow().getFillableForm().getSubmitForm());
        assertThat(done.isCompleted()).isTrue();

        Message m = in.poll(10, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.getBody()).isEqualTo("Down at noon");
        assertThat(m.getSubject()).isEqualTo("Maintenance");
        assertThat(m.getFrom().toString()).isEqualTo("localhost");
        // the announcement went once, not once per stage
        assertThat(in.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void announceCanCompleteAtTheFirstStage() throws Exception {
        XMPPTCPConnection alice = login("alice", "a-pass", "quick");
        BlockingQueue<Message> in = inbox(alice);
        XMPPTCPConnection a = admin();
        AdHocCommand cmd = command(a, "announce");
        FillableForm text = cmd.execute().asExecutingOrThrow().getFillableForm();
        text.setAnswer("announcement", "Hello all");
        assertThat(cmd.complete(text.getSubmitForm()).isCompleted()).isTrue();
        Message m = in.poll(10, TimeUnit.SECONDS);
        assertThat(m).isNotNull().extracting(Message::getBody).isEqualTo("Hello all");
    }

    @Test
    void cancelEndsTheSessionAndItsIdIsThenUnknown() throws Exception {
        XMPPTCPConnection a = admin();
        AdHocCommand cmd = command(a, "add-user");
        AdHocCommandResult started = cmd.execute();
        String sessionId = started.getResponse().getSessionId();
        assertThat(sessionId).isNotBlank();
        // Smack's cancel() cannot read the status='canceled' answer XEP-0050 §3.4 prescribes, so it is sent raw
        AdHocCommandData canceled = a.sendIqRequestAndWaitForResponse(
                rawCommand(Map.of("node", ADMIN + "add-user", "sessionid", sessionId, "action", "cancel")));
        assertThat(canceled.getStatus()).isEqualTo(AdHocCommandData.Status.canceled);
        assertThat(canceled.getSessionId()).isEqualTo(sessionId);
        IQ stale = rawCommand(Map.of("node", ADMIN + "add-user", "sessionid", sessionId, "action", "cancel"));
        assertThatThrownBy(() -> a.sendIqRequestAndWaitForResponse(stale)).satisfies(e -> {
            assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.bad_request);
            assertThat(commandCondition(e, "bad-sessionid")).isTrue();
        });
    }

    @Test
    void unknownSessionIdIsBadSessionid() throws Exception {
        XMPPTCPConnection a = admin();
        IQ iq = rawCommand(Map.of("node", ADMIN + "add-user", "sessionid", "no-such-session", "action", "complete"));
        assertThatThrownBy(() -> a.sendIqRequestAndWaitForResponse(iq)).satisfies(e -> {
            assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.bad_request);
            assertThat(commandCondition(e, "bad-sessionid")).isTrue();
        });
    }

    @Test
    void anotherUsersSessionIdIsBadSessionid() throws Exception {
        XMPPTCPConnection a = admin();
        XMPPTCPConnection other = admin();
        String sessionId = command(a, "add-user").execute().getResponse().getSessionId();
        IQ iq = rawCommand(Map.of("node", ADMIN + "add-user", "sessionid", sessionId, "action", "cancel"));
        assertThatThrownBy(() -> other.sendIqRequestAndWaitForResponse(iq))
                .satisfies(e -> assertThat(commandCondition(e, "bad-sessionid")).isTrue());
    }

    // malformed-action is checked in CommandXmlTest: Smack's own parser trips over that condition
    @Test
    void prevAtTheFirstStageAndNextOnALastStageAreBadActions() throws Exception {
        XMPPTCPConnection a = admin();
        AdHocCommand cmd = command(a, "add-user");
        cmd.execute();
        assertThatThrownBy(cmd::prev).satisfies(e -> {
            assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.bad_request);
            assertThat(commandCondition(e, "bad-action")).isTrue();
        });
        // next is not offered by a single-form command
        AdHocCommand fresh = command(a, "add-user");
        FillableForm form = fresh.execute().asExecutingOrThrow().getFillableForm();
        form.setAnswer("accountjid", "zed@localhost");
        form.setAnswer("password", "p");
        form.setAnswer("password-verify", "p");
        assertThatThrownBy(() -> fresh.next(form.getSubmitForm()))
                .satisfies(e -> assertThat(commandCondition(e, "bad-action")).isTrue());
    }

    @Test
    void unknownCommandIsItemNotFound() throws Exception {
        XMPPTCPConnection a = admin();
        assertThatThrownBy(() -> a.sendIqRequestAndWaitForResponse(rawCommand(Map.of("node", ADMIN + "restart"))))
                .satisfies(e -> assertThat(errorOf(e).getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
    }
}
