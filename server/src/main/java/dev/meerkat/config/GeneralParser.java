package dev.meerkat.config;

import dev.meerkat.jid.Jid;
import dev.meerkat.jid.JidFormatException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SequencedSet;

/** {@code [general]}. */
final class GeneralParser {
    private static final SequencedSet<String> LOG_LEVELS = new LinkedHashSet<>(List.of("error", "warning", "info", "debug"));

    private GeneralParser() {
    }

    static GeneralConfig parse(TomlOptions section, Path workingDir) {
        List<String> hosts = hosts(section);
        Path dataDir = path(section, "data_dir", "var", workingDir);
        String nodeName = section.string("node_name", null);
        if (nodeName == null) {
            nodeName = "meerkat@" + localHostName();
        } else if (nodeName.isBlank()) {
            throw section.error("node_name", "must not be empty");
        }
        int maxUserSessions = section.integer("max_user_sessions", 10, 1, 10_000);
        String logLevel = section.oneOf("loglevel", LOG_LEVELS, "info");
        return new GeneralConfig(hosts, dataDir, nodeName, maxUserSessions, logLevel);
    }

    private static List<String> hosts(TomlOptions section) {
        List<String> raw = section.stringList("hosts", List.of("localhost"));
        if (raw.isEmpty()) throw section.error("hosts", "at least one host is required");
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String host;
            try {
                host = normaliseDomain(raw.get(i));
            } catch (IllegalArgumentException e) {
                throw section.elementError("hosts", i, e.getMessage());
            }
            if (hosts.contains(host)) {
                throw section.elementError("hosts", i, TomlOptions.quote(host) + " is listed twice");
            }
            hosts.add(host);
        }
        return List.copyOf(hosts);
    }

    /**
     * The domain as the server will compare it: RFC 7622 normalisation, then lower case.
     *
     * @throws IllegalArgumentException with a reason fit for an error message
     */
    static String normaliseDomain(String s) {
        Jid jid;
        try {
            jid = Jid.domain(s);
        } catch (JidFormatException e) {
            throw new IllegalArgumentException("not a valid domain name: " + TomlOptions.quote(s)
                    + " (" + reason(e.getMessage()) + ")");
        }
        if (!jid.isDomainOnly()) {
            throw new IllegalArgumentException("not a valid domain name: " + TomlOptions.quote(s)
                    + " (a domain has no '@' or '/')");
        }
        return jid.domain().toLowerCase(Locale.ROOT);
    }

    // jxmpp nests exception names in its messages; the last part is the one a user can act on.
    private static String reason(String message) {
        if (message == null) return "invalid";
        int cut = message.lastIndexOf("Exception: ");
        return cut < 0 ? message : message.substring(cut + "Exception: ".length());
    }

    /** An optional path; relative ones are resolved against the working directory. */
    static Path path(TomlOptions section, String key, String defaultValue, Path workingDir) {
        String s = section.string(key, defaultValue);
        if (s == null) return null;
        if (s.isBlank()) throw section.error(key, "must not be empty");
        try {
            return workingDir.resolve(s).normalize();
        } catch (InvalidPathException e) {
            throw section.error(key, "not a valid path: " + TomlOptions.quote(s) + " (" + e.getReason() + ")");
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host without a resolvable name still gets a usable, if not unique, node name.
            return "localhost";
        }
    }
}
