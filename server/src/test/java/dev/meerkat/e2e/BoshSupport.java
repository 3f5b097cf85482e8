package dev.meerkat.e2e;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.bosh.BOSHConfiguration;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BOSH clients for {@link ServerFixture}: Smack, and a hand-driven one speaking raw XEP-0124 bodies. */
final class BoshSupport {
    static final String HTTPBIND = "http://jabber.org/protocol/httpbind";
    static final String XBOSH = "urn:xmpp:xbosh";
    static final String PATH = "/http-bind";

    private BoshSupport() {
    }

    /** http:// URL of the BOSH path; a host name, not an IP literal, as Smack wants. */
    static URI uri(int port) {
        return URI.create("http://localhost:" + port + PATH);
    }

    static XMPPBOSHConnection smackLogin(int port, String user, String password, String resource) throws Exception {
        BOSHConfiguration config = BOSHConfiguration.builder()
                .setXmppDomain("localhost")
                .setHost("localhost")
                .setPort(port)
                .setFile(PATH)
                .setUseHttps(false)
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(user, password)
                .setResource(resource)
                .build();
        XMPPBOSHConnection c = new XMPPBOSHConnection(config);
        c.connect().login();
        return c;
    }

    /** The value of {@code name='…'} or {@code name="…"} in the first tag of {@code xml}; null if absent. */
    static String attr(String xml, String name) {
        Matcher m = Pattern.compile("^<body[^>]*\\s" + Pattern.quote(name) + "=(['\"])([^'\"]*)\\1").matcher(xml);
        return m.find() ? m.group(2) : null;
    }

    /** A BOSH session driven by hand, one request at a time. */
    static final class RawSession {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        final URI uri;
        long rid = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000L);
        String sid;
        String creation;

        RawSession(int port) {
            this.uri = uri(port);
        }

        /** Creates the session (asking for a short wait, so empty polls come back soon). */
        RawSession create() throws Exception {
            HttpResponse<String> r = post("<body xmlns='" + HTTPBIND + "' xmlns:xmpp='" + XBOSH + "' rid='" + rid
                    + "' to='localhost' xml:lang='en' wait='1' hold='1' ver='1.6' ack='1' xmpp:version='1.0'/>");
            if (r.statusCode() != 200) throw new AssertionError("session creation failed: " + r.statusCode() + " " + r.body());
            creation = r.body();
            sid = attr(creation, "sid");
            return this;
        }

        /** Sends the next request with {@code payload} inside and extra body attributes. */
        HttpResponse<String> send(String extraAttributes, String payload) throws Exception {
            rid++;
            return resend(rid, extraAttributes, payload);
        }

        HttpResponse<String> send(String payload) throws Exception { return send("", payload); }

        HttpResponse<String> resend(long r, String extraAttributes, String payload) throws Exception {
            return post("<body xmlns='" + HTTPBIND + "' xmlns:xmpp='" + XBOSH + "' rid='" + r + "' sid='" + sid + "' "
                    + extraAttributes + ">" + payload + "</body>");
        }

        /**
         * Sends {@code payload}, then empty polls until a response contains {@code expected}; returns
         * all responses seen, concatenated.
         */
        String sendUntil(String payload, String expected) throws Exception {
            StringBuilder seen = new StringBuilder();
            HttpResponse<String> r = send(payload);
            for (int i = 0; ; i++) {
                if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body() + " after " + seen);
                seen.append(r.body());
                if (seen.indexOf(expected) >= 0) return seen.toString();
                if (i == 15) throw new AssertionError("no " + expected + " in " + seen);
                r = send("");
            }
        }

        /** SASL PLAIN (the listener must allow it without TLS), restart, bind. */
        RawSession login(String user, String password, String resource) throws Exception {
            create();
            String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            sendUntil("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>", "<success");
            rid++;
            HttpResponse<String> restart = resend(rid, "to='localhost' xml:lang='en' xmpp:restart='true'", "");
            if (!restart.body().contains("urn:ietf:params:xml:ns:xmpp-bind")) {
                sendUntil("", "urn:ietf:params:xml:ns:xmpp-bind");
            }
            sendUntil("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                    + resource + "</resource></bind></iq>", "</jid>");
            return this;
        }

        HttpResponse<String> post(String xml) throws Exception {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
