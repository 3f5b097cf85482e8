package dev.meerkat.tls;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/** A TLS handshake between two SslHandlers whose bytes are passed between two EmbeddedChannels. */
final class InMemoryTls {
    final EmbeddedChannel serverChannel = new EmbeddedChannel();
    final EmbeddedChannel clientChannel = new EmbeddedChannel();
    final SslHandler server;
    final SslHandler client;

    private InMemoryTls(SslContext serverContext, SslContext clientContext) {
        server = serverContext.newHandler(serverChannel.alloc());
        client = clientContext.newHandler(clientChannel.alloc());
        serverChannel.pipeline().addLast(server);
        clientChannel.pipeline().addLast(client);
    }

    /** Runs the handshake until both sides have finished (successfully or not) or nothing moves. */
    static InMemoryTls handshake(SslContext serverContext, SslContext clientContext) {
        InMemoryTls tls = new InMemoryTls(serverContext, clientContext);
        boolean moved = true;
        for (int round = 0; round < 50 && moved && !tls.bothDone(); round++) {
            moved = transfer(tls.clientChannel, tls.serverChannel) | transfer(tls.serverChannel, tls.clientChannel);
        }
        return tls;
    }

    boolean succeeded() {
        return server.handshakeFuture().isSuccess() && client.handshakeFuture().isSuccess();
    }

    void close() {
        serverChannel.finishAndReleaseAll();
        clientChannel.finishAndReleaseAll();
    }

    private boolean bothDone() {
        return server.handshakeFuture().isDone() && client.handshakeFuture().isDone();
    }

    private static boolean transfer(EmbeddedChannel from, EmbeddedChannel to) {
        from.runPendingTasks();
        boolean moved = false;
        for (Object message = from.readOutbound(); message != null; message = from.readOutbound()) {
            moved = true;
            try {
                to.writeInbound(message);
            } catch (Exception handshakeFailure) {
                // Recorded in the handler's handshake future, which the tests look at.
            }
        }
        return moved;
    }
}
