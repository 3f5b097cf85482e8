package dev.meerkat.load.xml;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The few things a load client writes, as XML text. Values are escaped; names are constants. */
public final class Stanzas {
    public static final String NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String NS_STREAMS = "http://etherx.jabber.org/streams";
    public static final String NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String NS_SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    public static final String NS_ROSTER = "jabber:iq:roster";
    public static final String NS_REGISTER = "jabber:iq:register";
    public static final String NS_CLIENT = "jabber:client";
    public static final String NS_PING = "urn:xmpp:ping";
    public static final String NS_MUC = "http://jabber.org/protocol/muc";
    public static final String NS_MUC_USER = "http://jabber.org/protocol/muc#user";
    public static final String NS_MUC_OWNER = "http://jabber.org/protocol/muc#owner";
    public static final String NS_DATA = "jabber:x:data";
    public static final String NS_DELAY = "urn:xmpp:delay";
    /** Marks the messages of the chat scenario: the id is {@code PREFIX + sequence}. */
    public static final String CHAT_ID_PREFIX = "ld";

    private Stanzas() { }

    public static String streamHeader(String domain) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='" + NS_STREAMS
                + "' to='" + escape(domain) + "' version='1.0'>";
    }

    public static String streamEnd() { return "</stream:stream>"; }

    public static String startTls() { return "<starttls xmlns='" + NS_TLS + "'/>"; }

    public static String auth(String mechanism, byte[] initial) {
        return "<auth xmlns='" + NS_SASL + "' mechanism='" + escape(mechanism) + "'>" + base64(initial) + "</auth>";
    }

    public static String response(byte[] data) {
        return "<response xmlns='" + NS_SASL + "'>" + base64(data) + "</response>";
    }

    public static String bind(String id, String resource) {
        return "<iq type='set' id='" + escape(id) + "'><bind xmlns='" + NS_BIND + "'><resource>" + escape(resource)
                + "</resource></bind></iq>";
    }

    public static String session(String id) {
        return "<iq type='set' id='" + escape(id) + "'><session xmlns='" + NS_SESSION + "'/></iq>";
    }

    public static String rosterGet(String id) {
        return "<iq type='get' id='" + escape(id) + "'><query xmlns='" + NS_ROSTER + "'/></iq>";
    }

    public static String presence() { return "<presence/>"; }

    public static String register(String id, String username, String password) {
        return "<iq type='set' id='" + escape(id) + "'><query xmlns='" + NS_REGISTER + "'><username>" + escape(username)
                + "</username><password>" + escape(password) + "</password></query></iq>";
    }

    /** A chat message carrying the send time (System.nanoTime of this process) in its body. */
    public static String chat(String to, long sequence, long sentNanos, String padding) {
        return "<message type='chat' to='" + escape(to) + "' id='" + CHAT_ID_PREFIX + sequence + "'><body>" + sentNanos
                + padding + "</body></message>";
    }

    /** Reads the sequence number from a chat scenario message id, or -1 when it is not one. */
    public static long chatSequence(String id) {
        if (id == null || !id.startsWith(CHAT_ID_PREFIX)) return -1;
        try {
            return Long.parseLong(id, CHAT_ID_PREFIX.length(), id.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads the send time from a chat scenario body (the digits before any padding), or -1. */
    public static long chatSentNanos(String body) {
        if (body == null) return -1;
        int end = 0;
        if (end < body.length() && body.charAt(end) == '-') end++;
        while (end < body.length() && Character.isDigit(body.charAt(end))) end++;
        if (end == 0 || (end == 1 && body.charAt(0) == '-')) return -1;
        return Long.parseLong(body, 0, end, 10);
    }

    /** Joins a room as {@code room/nick}, asking for no history: old messages must not count as deliveries. */
    public static String mucJoin(String occupantJid) {
        return "<presence to='" + escape(occupantJid) + "'><x xmlns='" + NS_MUC + "'><history maxstanzas='0'/></x></presence>";
    }

    /** Accepts the default configuration of a room just created (XEP-0045 §10.1.2, instant room), which unlocks it. */
    public static String mucInstantRoom(String id, String room) {
        return "<iq type='set' id='" + escape(id) + "' to='" + escape(room) + "'><query xmlns='" + NS_MUC_OWNER
                + "'><x xmlns='" + NS_DATA + "' type='submit'/></query></iq>";
    }

    /**
     * A groupchat message whose body is {@code SENTNANOS:SEQUENCE} then the padding: both are read
     * back from the body, since a room need not keep the message id.
     */
    public static String groupchat(String room, long sequence, long sentNanos, String padding) {
        return "<message type='groupchat' to='" + escape(room) + "' id='" + CHAT_ID_PREFIX + sequence + "'><body>" + sentNanos
                + ':' + sequence + padding + "</body></message>";
    }

    /** The sequence number of a {@link #groupchat} body (the digits after the first ':'), or -1. */
    public static long groupchatSequence(String body) {
        if (body == null) return -1;
        int colon = body.indexOf(':');
        if (colon < 0) return -1;
        int end = colon + 1;
        while (end < body.length() && Character.isDigit(body.charAt(end))) end++;
        if (end == colon + 1) return -1;
        try {
            return Long.parseLong(body, colon + 1, end, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a MUC presence carries this status code ({@code <x xmlns='…muc#user'><status code='110'/></x>}). */
    public static boolean hasMucStatus(XmlNode presence, String code) {
        return presence.child("x", NS_MUC_USER).stream().flatMap(x -> x.children().stream())
                .anyMatch(c -> c.name().equals("status") && code.equals(c.attr("code")));
    }

    public static String pong(String id, String to) {
        return "<iq type='result' id='" + escape(id) + "'" + (to == null ? "" : " to='" + escape(to) + "'") + "/>";
    }

    public static String iqError(String id, String to) {
        return "<iq type='error' id='" + escape(id) + "'" + (to == null ? "" : " to='" + escape(to) + "'")
                + "><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>";
    }

    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '\'' -> "&apos;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (r == null) {
                if (b != null) b.append(c);
            } else {
                if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
                b.append(r);
            }
        }
        return b == null ? s : b.toString();
    }

    /** RFC 6120 §6.4.2: an empty payload is written as "=". */
    private static String base64(byte[] data) {
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }

    public static byte[] decodeBase64(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equals("=")) return new byte[0];
        return Base64.getDecoder().decode(t);
    }

    public static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
