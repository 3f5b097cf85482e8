package dev.meerkat.server;

import dev.meerkat.admin.AdminApi;
import dev.meerkat.admin.AdminService;
import dev.meerkat.admin.AdminRoute;
import dev.meerkat.admin.CoreRoutes;
import dev.meerkat.admin.MucAdmin;
import dev.meerkat.admin.MucRoutes;
import dev.meerkat.admin.UserDataRoutes;
import dev.meerkat.auth.AuthService;
import dev.meerkat.c2s.AuthThrottle;
import dev.meerkat.c2s.C2sEnvironment;
import dev.meerkat.config.AuthConfig;
import dev.meerkat.config.AdminApiConfig;
import dev.meerkat.config.HttpListenerConfig;
import dev.meerkat.config.MetricsConfig;
import dev.meerkat.config.ServerConfig;
import dev.meerkat.http.HttpListener;
import dev.meerkat.metrics.MetricsEndpoint;
import dev.meerkat.metrics.XmppMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.meerkat.module.Hosts;
import dev.meerkat.module.ModuleManager;
import dev.meerkat.module.ServerServices;
import dev.meerkat.routing.DefaultRouter;
import dev.meerkat.session.LocalSessionDirectory;
import dev.meerkat.session.SessionManager;
import dev.meerkat.storage.Database;
import dev.meerkat.stream.StreamError;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: builds one node from its configuration, with every dependency passed by
 * constructor. No global state, so tests can run several servers in one JVM.
 */
public final class MeerkatServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MeerkatServer.class);

    private final ServerConfig config;
    private ListenerSet listeners;
    private Database database;
    private AuthSetup authSetup;
    private ExecutorService blocking;
    private ScheduledExecutorService scheduler;
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    /**
     * I/O event loops: Netty's default (two per core) unless {@code io.netty.eventLoopThreads} is set.
     * One per core cut the server's CPU per login by 10-20 % (docs/benchmarks.md), but with it SINT's
     * MUC leave-then-rejoin test lost the rejoin twice in three runs (20 s without an answer), so the
     * default stays until that is understood; operators may set the property.
     */
    static int workerThreads() {
        return Math.max(1, Integer.getInteger("io.netty.eventLoopThreads", 2 * Runtime.getRuntime().availableProcessors()));
    }
    private ModuleManager modules;
    private Hosts hosts;
    private SessionManager sessions;
    private ServerServices services;
    private PrometheusMeterRegistry registry;
    private final List<AutoCloseable> meterBinders = new java.util.ArrayList<>();
    private HttpListener adminListener;
    private HttpListener metricsListener;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private MeerkatServer(ServerConfig config) {
        this.config = config;
    }

    /** Starts a node; on failure everything already started is stopped again. */
    public static MeerkatServer start(ServerConfig config) throws Exception {
        MeerkatServer server = new MeerkatServer(config);
        try {
            server.startComponents();
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startComponents() throws Exception {
        Instant startedAt = Instant.now();
        Path dataDir = config.general().dataDir();
        Files.createDirectories(dataDir);
        SecureRandom random = new SecureRandom();

        database = new Database(config.rdbms(), dataDir);
        AuthConfig authConfig = config.auth();
        authSetup = AuthSetup.create(authConfig, database, random, Clock.systemUTC());
        AuthService auth = authSetup.auth();

        hosts = new Hosts(config.general().hosts());
        LocalSessionDirectory directory = new LocalSessionDirectory();
        sessions = new SessionManager(directory, config.general().maxUserSessions());
        DefaultRouter router = new DefaultRouter(hosts, directory, auth::userExists);

        blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("meerkat-vt-", 0).factory());
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("meerkat-timer").daemon().factory());
        // Timeouts are mostly cancelled (a login's, a ping's): drop them at once rather than letting
        // them sit in the queue until their delay runs out.
        timer.setRemoveOnCancelPolicy(true);
        scheduler = timer;

        services = new ServerServices(config, router, sessions, auth, database, hosts, Clock.systemUTC(), startedAt,
                blocking, scheduler, Version.get());
        XmppMetrics metrics = startMetrics(auth, startedAt);
        modules = new ModuleManager(ModuleCatalog.all());
        modules.startAll(hosts, services);
        authSetup.removeAnonymousAccountsOnLogout(hosts, sessions);

        AuthThrottle throttle = new AuthThrottle(authConfig.throttleFailures(), authConfig.throttlePeriod(), Clock.systemUTC());
        scheduler.scheduleAtFixedRate(throttle::sweep, 1, 1, TimeUnit.MINUTES);

        boolean epoll = Epoll.isAvailable();
        boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(workerThreads(), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

        var mechanisms = metrics.instrument(authSetup.mechanisms(authConfig.saslMechanisms(), random,
                ServerSecret.loadOrCreate(dataDir, random)));
        // Listener settings (state timeout, PLAIN, TLS required) are set per listener by ListenerSet.
        C2sEnvironment shared = new C2sEnvironment(hosts, router, sessions, auth, mechanisms, throttle,
                authConfig.maxRetries(), Duration.ofMinutes(1), false, false, blocking, scheduler,
                config.general().nodeName(), metrics.c2sEvents());
        listeners = new ListenerSet(config, shared, selfSignedDir(dataDir), metrics);
        listeners.start(boss, workers, channelType);
        startOpsListeners(metrics, channelType);
        log.info("Meerkat {} started for {} in {} ms (transport {}, storage {})", Version.get(), hosts.names(),
                java.time.Duration.between(startedAt, Instant.now()).toMillis(), epoll ? "epoll" : "nio", database.dialect());
    }

    /** The meter registry and the XMPP metrics, hooked into every host. */
    private XmppMetrics startMetrics(AuthService auth, Instant startedAt) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        meterBinders.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        XmppMetrics metrics = new XmppMetrics(registry, sessions, auth, Clock.systemUTC(), startedAt);
        for (var host : hosts.all()) metrics.attach(host);
        return metrics;
    }

    /** The admin API and the Prometheus endpoint, each on its own HTTP listener. */
    private void startOpsListeners(XmppMetrics metrics, Class<? extends ServerChannel> channelType) throws InterruptedException {
        AdminApiConfig admin = config.adminApi();
        if (admin.enabled()) {
            AdminService adminService = new AdminService(services);
            List<AdminRoute> routes = new ArrayList<>(CoreRoutes.of(adminService));
            routes.addAll(UserDataRoutes.of(adminService, services.clock()));
            routes.addAll(MucRoutes.of(new MucAdmin(services)));
            adminListener = new HttpListener(opsListener(admin.ipAddress(), admin.port(), 16 * 1024 * 1024), null,
                    new AdminApi(admin, routes, blocking, Version.get()).endpoints());
            adminListener.start(boss, workers, channelType);
        }
        MetricsConfig mc = config.metrics();
        if (mc.enabled()) {
            metricsListener = new HttpListener(opsListener(mc.ipAddress(), mc.port(), 1024), null,
                    List.of(new MetricsEndpoint(registry, metrics, blocking)));
            metricsListener.start(boss, workers, channelType);
        }
    }

    private static HttpListenerConfig opsListener(String ip, int port, int maxBody) {
        return new HttpListenerConfig(port, ip, HttpListenerConfig.TlsMode.NONE, null, null, maxBody,
                Duration.ofMinutes(1), 64, 128, false, null, null);
    }

    /** The admin API's port, or -1 when it is disabled. */
    public int adminApiPort() { return adminListener == null ? -1 : adminListener.port(); }

    /** The Prometheus endpoint's port, or -1 when it is disabled. */
    public int metricsPort() { return metricsListener == null ? -1 : metricsListener.port(); }

    /** Where the certificate generated when none is configured lives. */
    public static Path selfSignedDir(Path dataDir) { return dataDir.resolve("certs"); }

    public ServerServices services() { return services; }

    /** Ports actually bound, in listener order (useful when the config asks for port 0). */
    public List<Integer> c2sPorts() { return listeners.c2sPorts(); }

    /** HTTP listener ports actually bound, in listener order. */
    public List<Integer> httpPorts() { return listeners.httpPorts(); }

    /** Stops the node: listeners first, then sessions (system-shutdown), modules, storage. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (adminListener != null) adminListener.close();
        if (metricsListener != null) metricsListener.close();
        if (listeners != null) listeners.close();
        if (sessions != null) {
            sessions.closeAll(StreamError.SYSTEM_SHUTDOWN, "the server is shutting down");
            awaitSessionsGone();
        }
        if (modules != null) modules.stopAll(hosts);
        if (workers != null) workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (boss != null) boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (scheduler != null) scheduler.shutdownNow();
        if (blocking != null) {
            blocking.shutdown();
            try {
                blocking.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (authSetup != null) authSetup.close();
        if (database != null) database.close();
        for (AutoCloseable b : meterBinders) {
            try {
                b.close();
            } catch (Exception e) {
                log.debug("closing a meter binder failed", e);
            }
        }
        if (registry != null) registry.close();
        log.info("Meerkat stopped");
    }

    private void awaitSessionsGone() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (sessions.localCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
