package dev.meerkat.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.meerkat.config.ConfigException;
import dev.meerkat.config.ConfigLoader;
import dev.meerkat.config.ServerConfig;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code meerkat} command line. */
@Command(name = "meerkat", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Meerkat XMPP server", subcommands = {Main.Run.class, Main.ImportUsers.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        // Netty's leak detector samples buffers and records a stack trace at each access of a
        // sampled one (thousands per second under load); production runs without it unless asked
        // for with -Dio.netty.leakDetection.level. Tests never come through here, so they keep it.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs a node in the foreground until interrupted. */
    @Command(name = "run", description = "Start a node in the foreground.")
    static final class Run implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, description = "Configuration file (default: ${DEFAULT-VALUE}).",
                defaultValue = "conf/meerkat.toml")
        Path config;

        @Override
        public Integer call() throws Exception {
            ServerConfig cfg;
            try {
                cfg = ConfigLoader.load(config);
            } catch (ConfigException e) {
                System.err.println("meerkat: configuration error: " + e.getMessage());
                return 2;
            }
            setLogLevel(cfg.general().logLevel());
            MeerkatServer server;
            try {
                server = MeerkatServer.start(cfg);
            } catch (ConfigException e) {
                System.err.println("meerkat: configuration error: " + e.getMessage());
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "meerkat-shutdown"));
            stopped.await();
            return 0;
        }
    }

    /** Creates accounts from a CSV file (user,domain,password) in the configured database. */
    @Command(name = "import-users", description = "Create accounts from a CSV file of user,domain,password "
            + "(passwords are stored as SCRAM credentials; existing accounts are kept).")
    static final class ImportUsers implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, description = "Configuration file (default: ${DEFAULT-VALUE}).",
                defaultValue = "conf/meerkat.toml")
        Path config;

        @Option(names = {"-f", "--file"}, required = true, description = "CSV file, UTF-8.")
        Path file;

        @Override
        public Integer call() throws Exception {
            ServerConfig cfg;
            try {
                cfg = ConfigLoader.load(config);
            } catch (ConfigException e) {
                System.err.println("meerkat: configuration error: " + e.getMessage());
                return 2;
            }
            java.nio.file.Files.createDirectories(cfg.general().dataDir());
            try (var database = new dev.meerkat.storage.Database(cfg.rdbms(), cfg.general().dataDir());
                 var csv = java.nio.file.Files.newBufferedReader(file)) {
                var auth = new dev.meerkat.auth.AuthService(new dev.meerkat.auth.jdbc.JdbcUserStore(database),
                        cfg.auth().scramIterations(), new java.security.SecureRandom());
                var result = new dev.meerkat.auth.UserImport(auth, java.util.Set.copyOf(cfg.general().hosts())).run(csv);
                result.errors().forEach(e -> System.err.println("meerkat: " + file + " " + e));
                System.out.println("imported " + result.created() + " account(s), " + result.existing()
                        + " already existed, " + result.errors().size() + " line(s) skipped");
                return result.errors().isEmpty() ? 0 : 1;
            }
        }
    }

    private static void setLogLevel(String level) {
        if (System.getenv("MEERKAT_LOGLEVEL") != null) return;
        Level l = switch (level) {
            case "error" -> Level.ERROR;
            case "warning" -> Level.WARN;
            case "debug" -> Level.DEBUG;
            default -> Level.INFO;
        };
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(l);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() { return new String[] {"Meerkat " + Version.get()}; }
    }
}
