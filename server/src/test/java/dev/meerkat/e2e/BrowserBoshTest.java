package dev.meerkat.e2e;

import org.junit.jupiter.api.BeforeAll;

/**
 * The browser scenarios over BOSH (XEP-0124/0206). The page has no origin of its own
 * (about:blank), so every request is cross-origin and needs the endpoint's CORS headers.
 */
class BrowserBoshTest extends BrowserScenarios {
    @BeforeAll
    static void startServer() throws Exception {
        start("browser BOSH tests", "  handlers.bosh.path = \"" + BoshSupport.PATH + "\"");
    }

    @Override
    String url() { return BoshSupport.uri(port).toString(); }
}
