package dev.meerkat.e2e;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the scenarios of {@code e2e-browser/run.mjs} (stanza.js in headless Chromium) for the browser tests. */
final class BrowserRunner {
    static final Path E2E_DIR = Path.of("..", "e2e-browser").toAbsolutePath().normalize();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private BrowserRunner() {
    }

    /** Skips the calling test class (fails it in CI) unless node, node_modules and Chromium are there. */
    static void requireBrowser(String what) {
        requireOrAssume(commandWorks("node", "--version"), "node is not installed: " + what + " skipped");
        requireOrAssume(Files.isDirectory(E2E_DIR.resolve("node_modules/stanza")) && Files.isDirectory(E2E_DIR.resolve("node_modules/playwright-core")),
                "run 'npm ci' in " + E2E_DIR + ": " + what + " skipped");
        requireOrAssume(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing (apt-get install -y chromium): " + what + " skipped");
    }

    /**
     * stanza.js adds XEP-0359 {@code <origin-id/>} to messages. Smack parses unknown extensions with
     * a generic provider that trips its own assertion (-ea in tests) on the element's default
     * namespace declaration, so the element gets a trivial provider here.
     */
    static void acceptOriginId() {
        ProviderManager.addExtensionProvider("origin-id", "urn:xmpp:sid:0", new ExtensionElementProvider<StandardExtensionElement>() {
            @Override
            public StandardExtensionElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment env) {
                return StandardExtensionElement.builder("origin-id", "urn:xmpp:sid:0")
                        .addAttribute("id", parser.getAttributeValue("", "id")).build();
            }
        });
    }

    /** Runs one scenario against {@code url} and returns its JSON line; fails on a non-zero exit. */
    static String run(String url, String scenario, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "run.mjs", url, scenario));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(E2E_DIR.toFile()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("run.mjs " + scenario + " did not finish within 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as("run.mjs %s failed: %s %s", scenario, out, err).isZero();
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    private static boolean commandWorks(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** CI sets MEERKAT_REQUIRE_BROWSER=1 (it installs everything), so there a missing piece fails the run. */
    private static void requireOrAssume(boolean present, String message) {
        if ("1".equals(System.getenv("MEERKAT_REQUIRE_BROWSER"))) {
            if (!present) throw new AssertionError(message.replace("skipped", "required in CI"));
        } else {
            assumeTrue(present, message);
        }
    }
}
