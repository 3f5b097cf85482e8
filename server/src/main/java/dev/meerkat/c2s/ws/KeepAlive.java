package dev.meerkat.c2s.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket keep-alive: after {@code pingInterval} without a frame from the client, sends a ping
 * (browsers answer by themselves, and the traffic keeps NAT and proxy mappings open); after
 * {@code idleTimeout} without any frame, pongs included, the peer is taken for gone. Lives on
 * the event loop; consumes pongs.
 */
final class KeepAlive extends ChannelDuplexHandler {
    private final long pingNanos;
    private final long idleNanos;
    private final Runnable onIdle;
    private long lastInput;
    private long lastPing;
    private ScheduledFuture<?> timer;
    private boolean idleReported;

    KeepAlive(Duration pingInterval, Duration idleTimeout, Runnable onIdle) {
        this.pingNanos = pingInterval.toNanos();
        this.idleNanos = idleTimeout.toNanos();
        this.onIdle = onIdle;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastInput = now(ctx);
        if (msg instanceof PongWebSocketFrame) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete && timer == null) {
            lastInput = now(ctx);
            lastPing = lastInput;
            // Checking at a fraction of the ping interval keeps both deadlines reasonably exact.
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), pingNanos / 4);
            timer = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
        }
        super.userEventTriggered(ctx, evt);
    }

    private void check(ChannelHandlerContext ctx) {
        long now = now(ctx);
        long quiet = now - lastInput;
        if (quiet >= idleNanos) {
            if (!idleReported) {
                idleReported = true;
                onIdle.run();
            }
        } else if (quiet >= pingNanos && now - lastPing >= pingNanos && ctx.channel().isActive()) {
            lastPing = now;
            ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
        }
    }

    /** The event loop's clock (so tests can move it). */
    private static long now(ChannelHandlerContext ctx) { return ctx.executor().ticker().nanoTime(); }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) { stop(); }

    private void stop() {
        if (timer != null) timer.cancel(false);
    }
}
