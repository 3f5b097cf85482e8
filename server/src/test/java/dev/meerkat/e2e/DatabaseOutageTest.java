package dev.meerkat.e2e;

import dev.meerkat.storage.TestDatabase;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The PostgreSQL server goes away under a running node and comes back: while it is gone, clients
 * get clear errors (login: temporary-auth-failure; roster get: internal-server-error with a text);
 * afterwards the node works again without a restart. The test stops and starts the real server
 * process with pg_ctl, as described by {@code .ci/services.sh} (SC_PG_CTL, SC_PG_DATA, SC_PG_LOG,
 * SC_PG_OPTS).
 */
class DatabaseOutageTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.postgresql();

    private ServerFixture fx;
    private boolean pgStopped;

    @BeforeEach
    void start() throws Exception {
        if (System.getenv("SC_PG_CTL") == null || System.getenv("SC_PG_DATA") == null) {
            String message = "the outage test needs SC_PG_CTL and SC_PG_DATA (start_pg in .ci/services.sh)";
            if ("1".equals(System.getenv(TestDatabase.REQUIRE_ENV))) throw new IllegalStateException(message);
            Assumptions.abort(message);
        }
        fx = new ServerFixture(ServerFixture.Settings.defaults()
                .modules(ServerFixture.Settings.DEFAULT_MODULES + RosterClients.MODULES).extra(db.toml()));
        fx.createUser("alice", "a-pass");
    }

    @AfterEach
    void stop() throws Exception {
        if (pgStopped) pgCtl("start");
        if (fx != null) fx.close();
    }

    @Test
    void clientsGetClearErrorsAndTheNodeRecoversWhenTheDatabaseReturns() throws Exception {
        XMPPTCPConnection online = fx.login("alice", "a-pass", "online", b -> b.setSendPresence(false));
        online.setReplyTimeout(30_000);

        pgCtl("stop");

        // Hikari waits its connection timeout (10 s) for a connection before giving up.
        assertThatThrownBy(() -> fx.login("alice", "a-pass", "during",
                b -> b.addEnabledSaslMechanism("SCRAM-SHA-1")
                        .setConnectTimeout(30_000)))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError())
                        .isEqualTo(SASLError.temporary_auth_failure));
        assertThatThrownBy(() -> online.sendIqRequestAndWaitForResponse(rosterGet()))
                .isInstanceOf(XMPPException.XMPPErrorException.class)
                .satisfies(e -> {
                    StanzaError error = ((XMPPException.XMPPErrorException) e).getStanzaError();
                    assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.internal_server_error);
                    assertThat(error.getDescriptiveText()).contains("database");
                });

        pgCtl("start");

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            fx.login("alice", "a-pass", "after").disconnect();
            return true;
        });
        IQ roster = online.sendIqRequestAndWaitForResponse(rosterGet());
        assertThat(roster.getType()).isEqualTo(IQ.Type.result);
    }

    private static RosterPacket rosterGet() {
        RosterPacket get = new RosterPacket();
        get.setType(IQ.Type.get);
        return get;
    }

    /** pg_ctl stop/start on the test server, as its owner (postgres) when we are root. */
    private void pgCtl(String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) command.addAll(List.of("runuser", "-u", "postgres", "--"));
        command.addAll(List.of(System.getenv("SC_PG_CTL"), "-D", System.getenv("SC_PG_DATA"), "-w", "-t", "60"));
        if (action.equals("stop")) {
            command.addAll(List.of("-m", "fast", "stop"));
        } else {
            String log = System.getenv("SC_PG_LOG");
            if (log != null) command.addAll(List.of("-l", log));
            String opts = System.getenv("SC_PG_OPTS");
            if (opts != null) command.addAll(List.of("-o", opts));
            command.add("start");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).as("pg_ctl " + action).isZero();
        pgStopped = action.equals("stop");
    }
}
