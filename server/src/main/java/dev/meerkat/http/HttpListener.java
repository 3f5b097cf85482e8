package dev.meerkat.http;

import dev.meerkat.config.HttpListenerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One {@code [[listen.http]]} listener: an HTTP/1.1 server (optionally HTTPS) that routes requests
 * by path to its {@link HttpEndpoint}s. Every connection starts as
 * {@code [tls] → http-codec → http-aggregator → http-router}; an endpoint may rebuild the pipeline
 * behind the router (the WebSocket endpoint does on upgrade).
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);
    /** Room for HTTP framing and headers-in-body around the largest stanza a body may carry. */
    private static final int BODY_SLACK = 16 * 1024;

    private final HttpListenerConfig config;
    private final SslContext sslContext;
    private final Map<String, HttpEndpoint> endpoints;
    private final AtomicInteger connections = new AtomicInteger();
    private final Supplier<ChannelHandler> observer;
    private Channel serverChannel;

    /**
     * @param sslContext required when {@code tls.mode = "tls"}, ignored otherwise
     * @param endpoints  what to serve; paths must be distinct
     */
    public HttpListener(HttpListenerConfig config, SslContext sslContext, List<HttpEndpoint> endpoints) {
        this(config, sslContext, endpoints, null);
    }

    /** @param observer makes a handler that watches each accepted connection (metrics), placed before the router; may be null */
    public HttpListener(HttpListenerConfig config, SslContext sslContext, List<HttpEndpoint> endpoints,
                        Supplier<ChannelHandler> observer) {
        this.observer = observer;
        this.config = config;
        this.sslContext = config.tlsMode() == HttpListenerConfig.TlsMode.TLS ? sslContext : null;
        if (config.tlsMode() == HttpListenerConfig.TlsMode.TLS && sslContext == null) {
            throw new IllegalArgumentException("an HTTPS listener needs a TLS context");
        }
        Map<String, HttpEndpoint> byPath = new LinkedHashMap<>();
        for (HttpEndpoint e : endpoints) {
            if (byPath.put(e.path(), e) != null) throw new IllegalArgumentException("two endpoints for " + e.path());
        }
        this.endpoints = Map.copyOf(byPath);
    }

    public void start(EventLoopGroup boss, EventLoopGroup workers, Class<? extends ServerChannel> channelType) throws InterruptedException {
        int maxBody = config.maxStanzaSize() + BODY_SLACK;
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
                        if (sslContext != null) ch.pipeline().addLast("tls", sslContext.newHandler(ch.alloc()));
                        ch.pipeline().addLast("http-codec", new HttpServerCodec());
                        ch.pipeline().addLast("http-aggregator", new HttpObjectAggregator(maxBody));
                        if (connections.incrementAndGet() > config.maxConnections()) {
                            connections.decrementAndGet();
                            ch.pipeline().addLast("http-refuse", new Refuser());
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        if (observer != null) ch.pipeline().addLast("observer", observer.get());
                        ch.pipeline().addLast("http-router", new HttpRouter(endpoints));
                    }
                });
        serverChannel = b.bind(new InetSocketAddress(config.ipAddress(), config.port())).sync().channel();
        log.info("HTTP listening on {}:{} ({}) serving {}", config.ipAddress(), port(),
                sslContext == null ? "plain" : "TLS", endpoints.keySet());
    }

    /** Over max_connections: every request gets a 503. */
    private static final class Refuser extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "too many connections");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
    }

    public int port() { return ((InetSocketAddress) serverChannel.localAddress()).getPort(); }

    public int connections() { return connections.get(); }

    public boolean secure() { return sslContext != null; }

    @Override
    public void close() {
        if (serverChannel != null) serverChannel.close().syncUninterruptibly();
    }
}
