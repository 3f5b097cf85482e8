package dev.meerkat.load.client;

import dev.meerkat.load.LoadConfig;
import dev.meerkat.load.TlsMode;
import dev.meerkat.load.sasl.SaltedPasswordCache;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens client connections: a few event-loop threads (epoll when available) for all of them,
 * a TLS context that accepts any certificate (a load test measures, it does not authenticate the
 * server), and local addresses 127.0.0.x taken in turn so that many connections to one server port
 * do not run out of ephemeral ports.
 */
public final class Connector implements AutoCloseable {
    private final LoadConfig config;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext ssl;
    private final InetSocketAddress remote;
    private final List<InetAddress> sources;
    private final AtomicLong next = new AtomicLong();
    private final ExecutorService derive;
    private final SaltedPasswordCache saltedPasswords;

    public Connector(LoadConfig config) throws SSLException, UnknownHostException {
        this.config = config;
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(config.threads(), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        remote = new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
        sources = sourceAddresses(config.sourceAddresses(), remote.getAddress());
        bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.loginTimeout().toMillis()));
        // Take the source port at connect time (per destination), not at bind time (per source address).
        if (epoll && !sources.isEmpty()) bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        SslContextBuilder tls = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE);
        if (!config.tlsGroups().isEmpty()) {
            // Servers compared side by side should negotiate the same key exchange: BoringSSL offers the
            // hybrid X25519MLKEM768 first, which OpenSSL 3.0 servers (Debian's ejabberd, Prosody) lack.
            if (!OpenSsl.isAvailable()) throw new SSLException("--tls-groups needs netty-tcnative (OpenSSL/BoringSSL)");
            tls.option(OpenSslContextOption.GROUPS, config.tlsGroups().toArray(String[]::new));
        }
        ssl = tls.build();
        // PBKDF2 for a user's first SCRAM login: CPU-bound, kept off the network threads.
        derive = Executors.newFixedThreadPool(Math.max(1, config.threads()), Thread.ofPlatform().name("scram-derive-", 0).daemon().factory());
        saltedPasswords = new SaltedPasswordCache(derive);
    }

    private static List<InetAddress> sourceAddresses(int count, InetAddress remote) throws UnknownHostException {
        List<InetAddress> list = new ArrayList<>();
        if (count <= 0 || !remote.isLoopbackAddress() || remote.getAddress().length != 4) return list;
        for (int i = 1; i <= Math.min(count, 254); i++) list.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
        return list;
    }

    public LoadConfig config() { return config; }

    public EventLoopGroup group() { return group; }

    public boolean epoll() { return Epoll.isAvailable(); }

    public boolean openSsl() { return OpenSsl.isAvailable(); }

    public SaltedPasswordCache saltedPasswords() { return saltedPasswords; }

    /** Starts one client for account {@code userIndex}; it reports to the listener on its event loop. */
    public XmppClient connect(int userIndex, XmppClient.Purpose purpose, XmppClient.Listener listener) {
        long number = next.getAndIncrement();
        XmppClient client = new XmppClient(config, userIndex, number, purpose, listener, ssl, saltedPasswords);
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                client.init(ch);
            }
        });
        client.markStarted();
        ChannelFuture f = sources.isEmpty()
                ? b.connect(remote)
                : b.connect(remote, new InetSocketAddress(sources.get((int) (number % sources.size())), 0));
        f.addListener(done -> { if (!done.isSuccess()) client.connectFailed(done.cause()); });
        return client;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        derive.shutdownNow();
    }

    /** The TLS mode decides whether a handshake starts with the connection. */
    static boolean direct(LoadConfig c) { return c.tls() == TlsMode.DIRECT; }
}
