package dev.meerkat.load;

import dev.meerkat.load.client.Connector;
import dev.meerkat.load.sasl.Mechanism;
import dev.meerkat.load.scenario.Registration;
import dev.meerkat.load.scenario.RunResult;
import dev.meerkat.load.scenario.Scenario;
import dev.meerkat.load.scenario.ScenarioKind;
import dev.meerkat.load.stats.CpuClock;
import dev.meerkat.load.stats.ServerProbe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Command line: {@code Main <login|chat|idle|muc|register> [options]}; prints one RESULT line and optionally writes a CSV. */
@Command(name = "meerkat-load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Drives an XMPP server over the wire with many client connections and reports throughput and latency.")
public final class Main implements Callable<Integer> {
    /** Open files kept back for the JVM itself (jars, epoll, pipes). */
    static final int RESERVED_FDS = 100;
    /** The generator never plans for more open files than this, whatever the ulimit says. */
    static final int MAX_FDS = 20_000;

    @Parameters(index = "0", description = "Scenario: login, chat, idle, muc, or register (only create the accounts).", converter = KindConverter.class)
    ScenarioKind scenario;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "5222", description = "c2s port (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--domain", defaultValue = "localhost", description = "XMPP domain (default: ${DEFAULT-VALUE}).")
    String domain;
    @Option(names = "--users", defaultValue = "100", description = "Accounts PREFIX1..PREFIXN (default: ${DEFAULT-VALUE}).")
    int users;
    @Option(names = "--user-prefix", defaultValue = "user", description = "Account name prefix (default: ${DEFAULT-VALUE}).")
    String userPrefix;
    @Option(names = "--password", defaultValue = "pass", description = "Password of every account (default: ${DEFAULT-VALUE}).")
    String password;
    @Option(names = "--tls", defaultValue = "starttls", description = "none, starttls or direct (default: ${DEFAULT-VALUE}).")
    String tls;
    @Option(names = "--mechanism", defaultValue = "SCRAM-SHA-256", description = "PLAIN, SCRAM-SHA-1, SCRAM-SHA-256, SCRAM-SHA-512 (default: ${DEFAULT-VALUE}).")
    String mechanism;
    @Option(names = "--duration", defaultValue = "30s", description = "Measured phase, e.g. 500ms, 30s, 2m (default: ${DEFAULT-VALUE}).")
    String duration;
    @Option(names = "--rate", defaultValue = "0", description = "login: logins/s, 0 = as fast as --concurrency allows; chat and muc: messages/s in total (default: ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--concurrency", defaultValue = "100", description = "Logins in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--max-logins", defaultValue = "0", description = "login: stop after this many, 0 = no limit but the duration (default: ${DEFAULT-VALUE}).")
    long maxLogins;
    @Option(names = "--login-timeout", defaultValue = "30s", description = "One login must finish within this (default: ${DEFAULT-VALUE}).")
    String loginTimeout;
    @Option(names = "--grace", defaultValue = "5s", description = "chat and muc: wait for messages in flight after sending stops (default: ${DEFAULT-VALUE}).")
    String grace;
    @Option(names = "--warmup", defaultValue = "0s", description = "chat and muc: send at the rate this long before measuring; those messages count for loss only (default: ${DEFAULT-VALUE}).")
    String warmup;
    @Option(names = "--tls-groups", split = ",", description = "Key exchange groups the TLS client offers, e.g. X25519 or X25519MLKEM768,X25519 (default: the TLS library's).")
    java.util.List<String> tlsGroups = java.util.List.of();
    @Option(names = "--resource", defaultValue = "load", description = "Resource to bind (default: ${DEFAULT-VALUE}).")
    String resource;
    @Option(names = "--threads", defaultValue = "2", description = "Network threads (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--source-addresses", defaultValue = "8", description = "Spread connections over 127.0.0.1..127.0.0.N when the server is on IPv4 loopback; 0 = off (default: ${DEFAULT-VALUE}).")
    int sourceAddresses;
    @Option(names = "--body-padding", defaultValue = "0", description = "chat and muc: extra characters per body (default: ${DEFAULT-VALUE}).")
    int bodyPadding;
    @Option(names = "--register", description = "Create the accounts first with XEP-0077 in-band registration.")
    boolean register;
    @Option(names = "--register-concurrency", defaultValue = "8", description = "Registrations in flight at most (default: ${DEFAULT-VALUE}).")
    int registerConcurrency;
    @Option(names = "--server-pid", defaultValue = "0", description = "PID of a server on this machine: report its CPU and RSS too.")
    long serverPid;
    @Option(names = "--rooms", defaultValue = "10", description = "muc: rooms (default: ${DEFAULT-VALUE}).")
    int rooms;
    @Option(names = "--occupants", defaultValue = "10", description = "muc: occupants per room; uses accounts 1..rooms x occupants (default: ${DEFAULT-VALUE}).")
    int occupants;
    @Option(names = "--muc-service", description = "muc: the MUC service's domain (default: muc.DOMAIN).")
    String mucService;
    @Option(names = "--csv", description = "Write this run's figures to FILE (header and one row).")
    Path csv;

    private final PrintStream out;
    private final CpuClock cpu = new CpuClock();

    Main(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main(System.out));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LoadConfig config = toConfig();
        String limitProblem = checkOpenFiles(config, scenario, cpu.maxOpenFiles());
        if (limitProblem != null) {
            System.err.println("meerkat-load: " + limitProblem);
            return 2;
        }
        RunResult result = run(config, scenario, cpu, out);
        if (csv != null) writeCsv(csv, result);
        long ok = result.values().containsKey("ok") ? result.getLong("ok")
                : result.values().containsKey("logged_in") ? result.getLong("logged_in")
                : result.values().containsKey("registered") ? result.getLong("registered") : 0;
        return ok > 0 || config.users() == 0 ? 0 : 1;
    }

    /** Runs registration (when asked) and the scenario; prints a RESULT line for each. */
    public static RunResult run(LoadConfig config, ScenarioKind kind, CpuClock cpu, PrintStream out) throws Exception {
        ServerProbe probe = config.serverPid() > 0 ? new ServerProbe(config.serverPid()) : null;
        try (Connector connector = new Connector(config)) {
            out.println("meerkat-load: " + kind.cliName() + " against " + config.host() + ":" + config.port() + " ("
                    + (connector.epoll() ? "epoll" : "nio") + ", " + (connector.openSsl() ? "OpenSSL" : "JDK TLS") + ", "
                    + config.threads() + " threads)");
            if (config.register() && kind != ScenarioKind.REGISTER) out.println(Registration.run(connector).summaryLine());
            RunResult r = kind.create().run(new Scenario.Context(connector, cpu, probe, out));
            out.println(r.summaryLine());
            return r;
        }
    }

    /** Null when the run fits in the open-file limit, else a message saying what to change. */
    static String checkOpenFiles(LoadConfig c, ScenarioKind kind, long ulimit) {
        long connections = switch (kind) {
            case LOGIN -> Math.max(c.concurrency(), c.register() ? c.registerConcurrency() : 0);
            case CHAT, IDLE -> c.users();
            case MUC -> Math.min(c.users(), (long) c.rooms() * c.occupants());
            case REGISTER -> c.registerConcurrency();
        };
        long allowed = Math.min(MAX_FDS, ulimit < 0 ? MAX_FDS : ulimit) - RESERVED_FDS;
        if (connections <= allowed) return null;
        return kind.cliName() + " would hold " + connections + " connections open, but this process may only use "
                + allowed + " (ulimit -n is " + ulimit + ", the generator stays under " + MAX_FDS + " open files and keeps "
                + RESERVED_FDS + " for itself). Lower --users/--concurrency or run several generator processes.";
    }

    static void writeCsv(Path file, RunResult r) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, r.csvHeader() + "\n" + r.csvRow() + "\n");
    }

    private LoadConfig toConfig() {
        try {
            if (users < 0) throw new IllegalArgumentException("--users must be >= 0");
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1");
            if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be >= 1");
            if (rate < 0) throw new IllegalArgumentException("--rate must be >= 0");
            if (rooms < 1 || occupants < 1) throw new IllegalArgumentException("--rooms and --occupants must be >= 1");
            return new LoadConfig(host, port, domain, users, userPrefix, password, TlsMode.parse(tls),
                    Mechanism.parse(mechanism), parseDuration(duration), rate, concurrency, maxLogins,
                    parseDuration(loginTimeout), parseDuration(grace), resource, threads, sourceAddresses, bodyPadding,
                    register, registerConcurrency, serverPid, csv, rooms, occupants,
                    mucService != null ? mucService : "muc." + domain, parseDuration(warmup), tlsGroups);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    /** "500ms", "30s", "2m", "1h", or a bare number of seconds. */
    static Duration parseDuration(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            if (t.endsWith("s")) return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            if (t.endsWith("m")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            if (t.endsWith("h")) return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            return Duration.ofMillis((long) (Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration " + s + " (e.g. 500ms, 30s, 2m)");
        }
    }

    static final class KindConverter implements CommandLine.ITypeConverter<ScenarioKind> {
        @Override
        public ScenarioKind convert(String value) { return ScenarioKind.parse(value); }
    }
}
