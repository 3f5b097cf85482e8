package dev.meerkat.e2e;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@code [[listen.http]]} for {@link ServerFixture}, and WebSocket clients for it (Smack and raw frames). */
final class WebSocketSupport {
    static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";

    private WebSocketSupport() {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Extra TOML for {@link ServerFixture}: a plain HTTP listener on loopback with WebSocket at /ws-xmpp. */
    static String httpListener(int port, String extraKeys) {
        return """

                [[listen.http]]
                  port = %d
                  ip_address = "127.0.0.1"
                %s
                """.formatted(port, extraKeys);
    }

    /** ws:// URL; a host name, not an IP literal, as Smack wants. */
    static URI uri(int port) {
        return URI.create("ws://localhost:" + port + "/ws-xmpp");
    }

    /** Smack over WebSocket, logged in. */
    static ModularXmppClientToServerConnection smackLogin(int port, String user, String password, String resource) throws Exception {
        ModularXmppClientToServerConnectionConfiguration.Builder b = ModularXmppClientToServerConnectionConfiguration.builder()
                .setXmppDomain("localhost")
                .setUsernameAndPassword(user, password)
                .setResource(resource)
                .setSecurityMode(SecurityMode.disabled);
        b.removeAllModules();
        b.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(b).explicitlySetWebSocketEndpoint(uri(port)).build());
        ModularXmppClientToServerConnection c = new ModularXmppClientToServerConnection(b.build());
        c.connect().login();
        return c;
    }

    /** A bare WebSocket (JDK client) that records every text message the server sends. */
    static final class RawClient implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        final WebSocket socket;

        RawClient(int port, String... subprotocols) throws Exception {
            WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
            if (subprotocols.length > 0) {
                b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
            }
            socket = b.buildAsync(uri(port), this).get(10, TimeUnit.SECONDS);
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        /** The next message from the server, failing after 10 s. */
        String next() throws InterruptedException {
            String s = received.poll(10, TimeUnit.SECONDS);
            if (s == null) throw new AssertionError("no message from the server within 10 s");
            return s;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
