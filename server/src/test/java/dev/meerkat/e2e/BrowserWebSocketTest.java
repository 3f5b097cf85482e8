package dev.meerkat.e2e;

import org.junit.jupiter.api.BeforeAll;

/** The browser scenarios over WebSocket (RFC 7395). */
class BrowserWebSocketTest extends BrowserScenarios {
    @BeforeAll
    static void startServer() throws Exception {
        start("browser WebSocket tests", "");
    }

    @Override
    String url() { return WebSocketSupport.uri(port).toString(); }
}
