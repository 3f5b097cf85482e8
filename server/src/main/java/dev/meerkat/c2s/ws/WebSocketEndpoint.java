package dev.meerkat.c2s.ws;

import dev.meerkat.c2s.ClientSession;
import dev.meerkat.c2s.StreamTransport;
import dev.meerkat.config.HttpListenerConfig.WebSocketConfig;
import dev.meerkat.http.HttpEndpoint;
import dev.meerkat.http.HttpResponses;
import dev.meerkat.xml.ParserLimits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.util.function.Function;

/**
 * The {@code handlers.websocket} path of an HTTP listener: upgrades a request to a WebSocket
 * speaking the {@code xmpp} subprotocol (RFC 7395) and puts a {@link WebSocketTransport} with its
 * own client session behind it.
 */
public final class WebSocketEndpoint implements HttpEndpoint {
    static final String SUBPROTOCOL = "xmpp";
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final WebSocketConfig config;
    private final ParserLimits limits;
    private final boolean secure;
    private final Function<StreamTransport, ClientSession> sessionFactory;
    private final WebSocketServerProtocolConfig protocolConfig;

    /**
     * @param secure         the listener is HTTPS: streams count as encrypted
     * @param sessionFactory makes the client session for a new transport
     */
    public WebSocketEndpoint(WebSocketConfig config, ParserLimits limits, boolean secure,
                             Function<StreamTransport, ClientSession> sessionFactory) {
        this.config = config;
        this.limits = limits;
        this.secure = secure;
        this.sessionFactory = sessionFactory;
        this.protocolConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(config.path())
                .checkStartsWith(true) // the router already matched the path; this lets a query string through
                .subprotocols(SUBPROTOCOL)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .dropPongFrames(false) // KeepAlive wants to see them
                .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxFrameSize())
                        .allowExtensions(false)
                        // A violation must end in an XMPP stream error, which the transport writes.
                        .closeOnProtocolViolation(false)
                        .build())
                .build();
    }

    @Override
    public String path() { return config.path(); }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method())
                || !HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE, ""))) {
            request.release();
            FullHttpResponse r = HttpResponses.plain(ctx, HttpResponseStatus.UPGRADE_REQUIRED,
                    "XMPP over WebSocket (RFC 7395): open a WebSocket with the subprotocol \"xmpp\"");
            r.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
            HttpResponses.sendAndClose(ctx, r);
            return;
        }
        if (!offersXmpp(request)) {
            // Netty would complete the handshake without a subprotocol; RFC 7395 §3.1 needs "xmpp".
            request.release();
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.BAD_REQUEST,
                    "the WebSocket subprotocol \"xmpp\" is required (RFC 7395)");
            return;
        }
        WebSocketTransport transport = new WebSocketTransport(limits, config, secure, sessionFactory);
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), "ws-protocol", new WebSocketServerProtocolHandler(protocolConfig));
        // The protocol handler put its handshake and UTF-8 handlers before itself; the guard goes
        // after them so that it sees every frame error before the protocol handler closes the channel.
        p.addBefore("ws-protocol", "ws-guard", transport.frameErrorGuard());
        p.addAfter("ws-protocol", "ws-keepalive", new KeepAlive(config.pingInterval(), config.idleTimeout(), transport::idleTimedOut));
        p.addAfter("ws-keepalive", "ws-xmpp", transport);
        ctx.fireChannelRead(request);
        p.remove(ctx.name()); // from now on this connection carries frames, not requests
    }

    private static boolean offersXmpp(FullHttpRequest request) {
        for (String header : request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String token : header.split(",")) {
                if (token.trim().equals(SUBPROTOCOL)) return true;
            }
        }
        return false;
    }
}
