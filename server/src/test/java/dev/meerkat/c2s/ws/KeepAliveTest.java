package dev.meerkat.c2s.ws;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Ping and idle timeout on the embedded event loop's own clock. */
class KeepAliveTest {
    private final AtomicInteger idle = new AtomicInteger();
    private final EmbeddedChannel ch = new EmbeddedChannel(new KeepAlive(Duration.ofSeconds(10), Duration.ofSeconds(35), idle::incrementAndGet));

    private void open() {
        ch.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete("/ws-xmpp", EmptyHttpHeaders.INSTANCE, "xmpp"));
    }

    private void advance(int seconds) {
        for (int i = 0; i < seconds; i++) {
            ch.advanceTimeBy(1, TimeUnit.SECONDS);
            ch.runScheduledPendingTasks();
        }
    }

    @Test
    void pingsAfterQuietIntervalAndNotWhileTrafficFlows() {
        open();
        advance(5);
        ch.writeInbound(new TextWebSocketFrame("<presence xmlns='jabber:client'/>"));
        ((TextWebSocketFrame) ch.readInbound()).release();
        advance(8);
        assertThat((Object) ch.readOutbound()).isNull(); // only 8 s since the last input
        advance(3);
        assertThat((Object) ch.readOutbound()).isInstanceOf(PingWebSocketFrame.class);
        assertThat((Object) ch.readOutbound()).isNull(); // one ping per interval, not one per check
        assertThat(idle).hasValue(0);
    }

    @Test
    void pongsKeepTheConnectionAliveAndAreConsumed() {
        open();
        for (int round = 0; round < 6; round++) {
            advance(13); // checks run every ping_interval / 4
            assertThat((Object) ch.readOutbound()).isInstanceOf(PingWebSocketFrame.class);
            ch.writeInbound(new PongWebSocketFrame());
            assertThat((Object) ch.readInbound()).isNull();
        }
        assertThat(idle).hasValue(0);
    }

    @Test
    void silenceBeyondIdleTimeoutIsReportedOnce() {
        open();
        advance(34);
        assertThat(idle).hasValue(0);
        advance(10);
        assertThat(idle).hasValue(1);
    }
}
