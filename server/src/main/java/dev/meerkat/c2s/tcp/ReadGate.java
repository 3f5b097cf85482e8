package dev.meerkat.c2s.tcp;

import io.netty.channel.Channel;

/**
 * Reading from a client stops for either of two reasons: its session is behind (back-pressure) or
 * its shaper says it sends too fast. Reading resumes only when neither holds. Updates run on the
 * channel's event loop so the two never race.
 */
final class ReadGate {
    private final Channel channel;
    private boolean backPressure;
    private boolean shaped;

    ReadGate(Channel channel) {
        this.channel = channel;
    }

    void backPressure(boolean on) { onLoop(() -> { backPressure = on; apply(); }); }

    void shaped(boolean on) { onLoop(() -> { shaped = on; apply(); }); }

    private void apply() {
        boolean read = !backPressure && !shaped;
        if (channel.config().isAutoRead() != read) channel.config().setAutoRead(read);
    }

    private void onLoop(Runnable r) {
        if (channel.eventLoop().inEventLoop()) r.run(); else channel.eventLoop().execute(r);
    }
}
