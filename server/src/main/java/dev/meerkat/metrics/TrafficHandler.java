package dev.meerkat.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslHandler;

/**
 * Counts the bytes a client connection reads and writes, by transport, and the connections a
 * listener accepted.
 *
 * <p>On a c2s listener it sits behind any TLS handler (STARTTLS adds one in front of it later), so
 * it counts XML, not TLS records; the connection counts as "tls" from the moment TLS is in its
 * pipeline. On an HTTP listener it sits behind the HTTP aggregator: WebSocket frames count as
 * "websocket" (their payload), HTTP bodies as "bosh".
 */
final class TrafficHandler extends ChannelDuplexHandler {
    private final XmppMetrics metrics;
    private final String listener;
    private final boolean http;
    private boolean tls;

    TrafficHandler(XmppMetrics metrics, String listener, boolean http) {
        this.metrics = metrics;
        this.listener = listener;
        this.http = http;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // added in the channel initialiser, so the connection is already active
        metrics.connectionAccepted(listener);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        int n = size(msg);
        if (n > 0) metrics.bytesIn(transport(ctx, msg), n);
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        int n = size(msg);
        if (n > 0) metrics.bytesOut(transport(ctx, msg), n);
        super.write(ctx, msg, promise);
    }

    private String transport(ChannelHandlerContext ctx, Object msg) {
        if (http) return msg instanceof WebSocketFrame ? "websocket" : "bosh";
        // once TLS, always TLS: the pipeline is searched only until it is found
        if (!tls) tls = ctx.pipeline().get(SslHandler.class) != null;
        return tls ? "tls" : "tcp";
    }

    private static int size(Object msg) {
        if (msg instanceof ByteBuf b) return b.readableBytes();
        if (msg instanceof ByteBufHolder h) return h.content().readableBytes();
        return 0;
    }
}
