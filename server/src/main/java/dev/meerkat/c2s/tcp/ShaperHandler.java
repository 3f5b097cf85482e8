package dev.meerkat.c2s.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket on the bytes a client sends ({@code [shaper.NAME] max_rate}, as in MongooseIM):
 * when the client is ahead of its rate, reading stops until it is back within it, so a fast sender
 * is slowed down rather than buffered. A client so far ahead that it would wait more than
 * {@code maxPauseMillis} is told {@code policy-violation} (via {@link #onViolation}).
 */
public final class ShaperHandler extends ChannelInboundHandlerAdapter {
    private final long bytesPerSecond;
    private final long maxPauseMillis;
    private final LongSupplier nanoClock;
    private final Runnable onViolation;
    private final java.util.function.Consumer<Boolean> gate;
    private double tokens;
    private long lastNanos;
    private boolean paused;

    /**
     * @param gate receives true to stop reading and false to resume
     */
    public ShaperHandler(long bytesPerSecond, long maxPauseMillis, LongSupplier nanoClock, Runnable onViolation,
                         java.util.function.Consumer<Boolean> gate) {
        this.gate = gate;
        this.bytesPerSecond = bytesPerSecond;
        this.maxPauseMillis = maxPauseMillis;
        this.nanoClock = nanoClock;
        this.onViolation = onViolation;
        this.tokens = bytesPerSecond;  // one second of burst
        this.lastNanos = nanoClock.getAsLong();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            refill();
            tokens -= buf.readableBytes();
            if (tokens < 0) {
                long waitMillis = (long) Math.ceil(-tokens * 1000.0 / bytesPerSecond);
                if (waitMillis > maxPauseMillis) {
                    onViolation.run();
                } else if (!paused) {
                    paused = true;
                    gate.accept(true);
                    ctx.executor().schedule(() -> {
                        paused = false;
                        gate.accept(false);
                    }, waitMillis, TimeUnit.MILLISECONDS);
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(bytesPerSecond, tokens + (now - lastNanos) / 1e9 * bytesPerSecond);
        lastNanos = now;
    }

    boolean paused() { return paused; }
}
