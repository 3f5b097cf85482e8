package dev.meerkat.jid;

import org.jxmpp.JxmppContext;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.jxmpp.stringprep.rocksxmppprecis.RocksXmppPrecisStringprep;

import java.util.Objects;

/**
 * A normalised XMPP address (RFC 7622). Parsing and PRECIS normalisation are delegated to jxmpp
 * with the rocks-xmpp PRECIS profile; this type keeps the three parts as plain strings so that
 * comparisons and map keys are cheap on the routing path.
 */
public final class Jid implements Comparable<Jid> {
    // RFC 7622 needs PRECIS; a context of our own leaves jxmpp's process-wide default alone.
    private static final JxmppContext PRECIS = JxmppContext.builder()
            .withXmppStringprep(RocksXmppPrecisStringprep.INSTANCE).enableCaching().build();

    private final String local;    // null when absent
    private final String domain;
    private final String resource; // null when absent
    private final String string;

    private Jid(String local, String domain, String resource) {
        this(local, domain, resource, join(local, domain, resource));
    }

    private Jid(String local, String domain, String resource, String string) {
        this.local = local;
        this.domain = domain;
        this.resource = resource;
        this.string = string;
    }

    private static String join(String local, String domain, String resource) {
        StringBuilder b = new StringBuilder();
        if (local != null) b.append(local).append('@');
        b.append(domain);
        if (resource != null) b.append('/').append(resource);
        return b.toString();
    }

    /** Parses and normalises; throws {@link JidFormatException} for anything RFC 7622 refuses. */
    public static Jid parse(String s) {
        if (s == null || s.isEmpty()) throw new JidFormatException("empty JID");
        if (s.length() > 3071) throw new JidFormatException("JID too long");
        Jid fast = parseAscii(s);
        return fast != null ? fast : parsePrecis(s);
    }

    /**
     * The common case without PRECIS: a JID that is already in its normalised form and made only
     * of characters on which every PRECIS step is the identity (lower-case ASCII letters, digits
     * and a few marks in the localpart; LDH labels in the domainpart; printable ASCII other than
     * space in the resourcepart). Null means "not sure", and the full parser decides; so this path
     * may only accept what {@link #parsePrecis} accepts unchanged (JidTest checks both agree).
     */
    static Jid parseAscii(String s) {
        int n = s.length();
        int slash = s.indexOf('/');
        int domainEnd = slash < 0 ? n : slash;
        int at = s.indexOf('@');
        if (at >= domainEnd) at = -1;
        int domainStart = at + 1;
        if (at == 0 || at > MAX_PART || domainEnd - domainStart > MAX_PART) return null;
        for (int i = 0; i < at; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == '+')) return null;
        }
        if (!isPlainHostname(s, domainStart, domainEnd)) return null;
        if (slash >= 0) {
            if (slash == n - 1 || n - slash - 1 > MAX_PART) return null;
            for (int i = slash + 1; i < n; i++) {
                char c = s.charAt(i);
                if (c <= ' ' || c >= 0x7f) return null;
            }
        }
        return new Jid(at < 0 ? null : s.substring(0, at), s.substring(domainStart, domainEnd),
                slash < 0 ? null : s.substring(slash + 1), s);
    }

    private static final int MAX_PART = 1023;

    /** Dot-separated labels of lower-case letters, digits and inner hyphens, 1 to 63 long, no "--". */
    private static boolean isPlainHostname(String s, int from, int to) {
        if (from >= to) return false;
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            char c = i == to ? '.' : s.charAt(i);
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') return false;
                labelStart = i + 1;
            } else if (c == '-') {
                if (i > labelStart && s.charAt(i - 1) == '-') return false;  // keeps IDNA A-labels ("xn--") on the full path
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** The full RFC 7622 parser (PRECIS through jxmpp). */
    static Jid parsePrecis(String s) {
        try {
            org.jxmpp.jid.Jid j = JidCreate.from(s, PRECIS);
            String local = j.hasLocalpart() ? j.getLocalpartOrNull().toString() : null;
            String domain = j.getDomain().toString();
            String resource = j.hasResource() ? j.getResourceOrNull().toString() : null;
            if (resource != null && !resource.isEmpty() && Character.isWhitespace(resource.codePointAt(0))) {
                // RFC 7622 §3.5 example: a resourcepart starting with a space is not allowed
                throw new JidFormatException("resourcepart starts with a space");
            }
            if (domain.isEmpty()) throw new JidFormatException("empty domainpart");
            if (domain.endsWith(".")) domain = domain.substring(0, domain.length() - 1);
            return new Jid(local, domain, resource);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new JidFormatException(e.getMessage() == null ? "invalid JID" : e.getMessage());
        }
    }

    /** Like {@link #parse} but returns null for an invalid or missing address. */
    public static Jid parseOrNull(String s) {
        if (s == null) return null;
        try {
            return parse(s);
        } catch (JidFormatException e) {
            return null;
        }
    }

    /** Null for a missing attribute; throws {@link JidFormatException} for an invalid one. */
    public static Jid parseOrNullStrict(String s) {
        return s == null ? null : parse(s);
    }

    public static Jid of(String local, String domain, String resource) {
        StringBuilder b = new StringBuilder();
        if (local != null) b.append(local).append('@');
        b.append(domain);
        if (resource != null) b.append('/').append(resource);
        return parse(b.toString());
    }

    public static Jid domain(String domain) { return parse(domain); }

    public String local() { return local; }

    public String domain() { return domain; }

    public String resource() { return resource; }

    public boolean hasLocal() { return local != null; }

    public boolean hasResource() { return resource != null; }

    public boolean isBare() { return resource == null; }

    public boolean isDomainOnly() { return local == null && resource == null; }

    public Jid bare() { return resource == null ? this : new Jid(local, domain, null); }

    public Jid domainJid() { return local == null && resource == null ? this : new Jid(null, domain, null); }

    /** Same local and domain, given resource (normalised). */
    public Jid withResource(String newResource) {
        if (newResource == null) return bare();
        return of(local, domain, newResource);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jid j && string.equals(j.string);
    }

    @Override
    public int hashCode() { return string.hashCode(); }

    @Override
    public String toString() { return string; }

    @Override
    public int compareTo(Jid o) { return string.compareTo(o.string); }

    /** True when both have the same local and domain parts. */
    public boolean sameBare(Jid other) {
        return Objects.equals(local, other.local) && domain.equals(other.domain);
    }
}
