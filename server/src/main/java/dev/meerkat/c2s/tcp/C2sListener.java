package dev.meerkat.c2s.tcp;

import dev.meerkat.c2s.C2sEnvironment;
import dev.meerkat.c2s.ClientSession;
import dev.meerkat.config.C2sListenerConfig;
import dev.meerkat.config.ShaperConfig;
import dev.meerkat.xml.ParserLimits;
import dev.meerkat.xml.XmlReaders;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** One {@code [[listen.c2s]]} listener: accepts TCP connections and gives each a client session. */
public final class C2sListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(C2sListener.class);
    private static final long MAX_SHAPER_PAUSE_MILLIS = 60_000;

    private final C2sListenerConfig config;
    private final C2sEnvironment env;
    private final SslContext sslContext;
    private final ShaperConfig shaper;
    private final ParserLimits limits;
    /** One Aalto factory (interned names, namespace URIs) for all of this listener's connections. */
    private final XmlReaders readers = new XmlReaders();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger connections = new AtomicInteger();
    private final Supplier<ChannelHandler> observer;
    private Channel serverChannel;

    /**
     * @param sslContext the listener's TLS context (null: no TLS at all)
     * @param shaper     the shaper named by the listener, or null
     */
    public C2sListener(C2sListenerConfig config, C2sEnvironment env, SslContext sslContext, ShaperConfig shaper) {
        this(config, env, sslContext, shaper, null);
    }

    /** @param observer makes a handler that watches each connection's bytes (metrics), placed behind TLS; may be null */
    public C2sListener(C2sListenerConfig config, C2sEnvironment env, SslContext sslContext, ShaperConfig shaper,
                       Supplier<ChannelHandler> observer) {
        this.observer = observer;
        this.config = config;
        this.env = env;
        this.sslContext = sslContext;
        this.shaper = shaper;
        this.limits = new ParserLimits(config.maxStanzaSize(), ParserLimits.DEFAULT.maxDepth(), ParserLimits.DEFAULT.maxAttributes());
    }

    public void start(EventLoopGroup boss, EventLoopGroup workers, Class<? extends ServerChannel> channelType) throws InterruptedException {
        boolean directTls = config.tlsMode() == C2sListenerConfig.TlsMode.TLS;
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections.incrementAndGet() > config.maxConnections()) {
                            connections.decrementAndGet();
                            refuse(ch);
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        if (directTls) ch.pipeline().addLast("tls", sslContext.newHandler(ch.alloc()));
                        if (observer != null) ch.pipeline().addLast("observer", observer.get());
                        TcpTransport transport = new TcpTransport(limits, directTls ? null : sslContext, directTls,
                                t -> new ClientSession(env, t, newStreamId()), readers);
                        if (shaper != null) {
                            ch.pipeline().addLast("shaper", new ShaperHandler(shaper.maxRate(), MAX_SHAPER_PAUSE_MILLIS,
                                    System::nanoTime, () -> transport.session().onPolicyViolation("sending too fast"),
                                    on -> transport.gate().shaped(on)));
                        }
                        ch.pipeline().addLast("xmpp", transport);
                    }
                });
        serverChannel = b.bind(new InetSocketAddress(config.ipAddress(), config.port())).sync().channel();
        log.info("c2s listening on {}:{} ({})", config.ipAddress(), config.port(),
                directTls ? "direct TLS" : sslContext == null ? "no TLS" : config.tlsMode().name().toLowerCase());
    }

    /** Over max_connections: a stream error, then the connection closes (RFC 6120 §4.9.3.17). */
    private static void refuse(SocketChannel ch) {
        String xml = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
                + "<stream:error><resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>";
        ch.writeAndFlush(ByteBufUtil.writeUtf8(ch.alloc(), xml)).addListener(ChannelFutureListener.CLOSE);
    }

    private String newStreamId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    public int port() { return ((InetSocketAddress) serverChannel.localAddress()).getPort(); }

    public int connections() { return connections.get(); }

    @Override
    public void close() {
        if (serverChannel != null) serverChannel.close().syncUninterruptibly();
    }
}
