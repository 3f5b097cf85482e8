package dev.meerkat.mod.adhoc;

import dev.meerkat.jid.Jid;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandSessionsTest {
    private static final Jid OWNER = Jid.parse("admin@localhost/console");
    private static final CommandResponse.Stage STAGE = CommandResponse.lastForm(DataForm.form("t", null, List.of()));

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) { now = now.plus(d); }

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutHasExpiredOnce() {
        ManualClock clock = new ManualClock();
        CommandSessions sessions = new CommandSessions(clock, Duration.ofMinutes(10), 5);
        CommandSession s = sessions.open("node", OWNER, STAGE).orElseThrow();
        clock.advance(Duration.ofMinutes(9));
        assertThat(sessions.find(s.id(), "node", OWNER)).isInstanceOf(CommandSessions.Lookup.Found.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(sessions.find(s.id(), "node", OWNER)).isInstanceOf(CommandSessions.Lookup.Expired.class);
        assertThat(sessions.find(s.id(), "node", OWNER)).isInstanceOf(CommandSessions.Lookup.Unknown.class);
    }

    @Test
    void aStepKeepsTheSessionAlive() {
        ManualClock clock = new ManualClock();
        CommandSessions sessions = new CommandSessions(clock, Duration.ofMinutes(10), 5);
        CommandSession s = sessions.open("node", OWNER, STAGE).orElseThrow();
        clock.advance(Duration.ofMinutes(9));
        sessions.update(s.advanced(DataForm.form(null, null, List.of()), STAGE, clock.instant()));
        clock.advance(Duration.ofMinutes(9));
        assertThat(sessions.find(s.id(), "node", OWNER)).isInstanceOf(CommandSessions.Lookup.Found.class);
    }

    @Test
    void otherRequestersAndNodesDoNotSeeTheSession() {
        CommandSessions sessions = new CommandSessions(new ManualClock(), Duration.ofMinutes(10), 5);
        CommandSession s = sessions.open("node", OWNER, STAGE).orElseThrow();
        assertThat(sessions.find(s.id(), "node", Jid.parse("admin@localhost/other"))).isInstanceOf(CommandSessions.Lookup.Unknown.class);
        assertThat(sessions.find(s.id(), "other-node", OWNER)).isInstanceOf(CommandSessions.Lookup.Unknown.class);
    }

    @Test
    void anOwnerMayHaveOnlySoManyRunsAndAbandonedOnesAreDropped() {
        ManualClock clock = new ManualClock();
        CommandSessions sessions = new CommandSessions(clock, Duration.ofMinutes(10), 2);
        assertThat(sessions.open("n", OWNER, STAGE)).isPresent();
        assertThat(sessions.open("n", OWNER, STAGE)).isPresent();
        assertThat(sessions.open("n", OWNER, STAGE)).isEmpty();
        clock.advance(Duration.ofMinutes(21));
        assertThat(sessions.open("n", OWNER, STAGE)).isPresent();
        assertThat(sessions.size()).isEqualTo(1);
    }
}
