package dev.meerkat.config;

import dev.meerkat.jid.Jid;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code meerkat.toml} into a validated {@link ServerConfig}. Every mistake in the file (syntax,
 * unknown key, wrong type, value out of range, dangling reference) becomes a {@link ConfigException}
 * whose message starts with {@code FILE line N: full.key.path:}, so start-up fails with a pointer to
 * the line to fix rather than with a surprise later.
 *
 * <p>Relative paths ({@code general.data_dir}, {@code tls.certfile}, {@code tls.keyfile}) are
 * resolved against the process's working directory, not against the config file's directory:
 * the start script runs from the installation root, where {@code conf/} and {@code var/} live.
 *
 * <p>Module option tables are handed over unread: each module validates its own through {@link Options}.
 */
public final class ConfigLoader {
    private static final List<String> SECTIONS =
            List.of("general", "listen", "shaper", "auth", "outgoing_pools", "acl", "modules", "host_config",
                    "admin_api", "metrics");

    private ConfigLoader() {
    }

    public static ServerConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file not found: " + file, e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses a whole configuration; {@code sourceName} (usually the file name) prefixes error messages. */
    public static ServerConfig parse(String toml, String sourceName) {
        return parse(toml, sourceName, Path.of("").toAbsolutePath());
    }

    /** As {@link #parse(String, String)}, resolving relative paths against {@code workingDir}. */
    public static ServerConfig parse(String toml, String sourceName, Path workingDir) {
        TomlParseResult result = Toml.parse(toml);
        throwOnSyntaxErrors(result, sourceName);
        TomlOptions root = new TomlOptions(result, "", sourceName, null);
        rejectUnknownSections(root);

        GeneralConfig general = GeneralParser.parse(root.table("general"), workingDir);
        Map<String, ShaperConfig> shapers = parseShapers(root.table("shaper"));
        List<C2sListenerConfig> listeners = ListenerParser.parse(root.table("listen"), shapers, workingDir);
        List<HttpListenerConfig> httpListeners = HttpListenerParser.parse(root.table("listen"), listeners, workingDir);
        AuthConfig auth = AuthParser.parse(root.table("auth"));
        RdbmsConfig rdbms = RdbmsParser.parse(root.table("outgoing_pools"));
        AclConfig acl = parseAcl(root.table("acl"));
        Map<String, Options> modules = parseModules(root.table("modules"));
        Map<String, Map<String, Options>> hostModules = parseHostConfigs(root, general.hosts());
        AdminApiConfig adminApi = OpsParser.adminApi(root.table("admin_api"));
        MetricsConfig metrics = OpsParser.metrics(root.table("metrics"));
        root.rejectUnknown();
        return new ServerConfig(general, listeners, httpListeners, auth, rdbms, acl, shapers, modules, hostModules,
                adminApi, metrics);
    }

    static void throwOnSyntaxErrors(TomlParseResult result, String sourceName) {
        if (!result.hasErrors()) return;
        String all = result.errors().stream()
                .map(e -> sourceName + " " + where(e) + ": " + e.getMessage())
                .collect(Collectors.joining("\n"));
        throw new ConfigException(all, result.errors().getFirst());
    }

    private static String where(TomlParseError e) {
        return e.position() == null ? "" : "line " + e.position().line() + ", column " + e.position().column();
    }

    // Checked before anything else so that a misspelt section is reported as such, not as "defaults used".
    private static void rejectUnknownSections(TomlOptions root) {
        for (String key : root.keys()) {
            if (!SECTIONS.contains(key)) {
                throw root.error(key, "unknown section (valid sections: " + String.join(", ", SECTIONS) + ")");
            }
        }
    }

    private static Map<String, ShaperConfig> parseShapers(TomlOptions section) {
        Map<String, ShaperConfig> shapers = new LinkedHashMap<>();
        for (String name : section.keys()) {
            TomlOptions shaper = section.table(name);
            shapers.put(name, new ShaperConfig(name, shaper.requiredInteger("max_rate", 1, 1_000_000_000)));
        }
        return Collections.unmodifiableMap(shapers);
    }

    private static AclConfig parseAcl(TomlOptions section) {
        List<String> admins = section.tableList("admin").stream()
                .map(o -> adminJid((TomlOptions) o))
                .distinct()
                .toList();
        return new AclConfig(admins);
    }

    private static String adminJid(TomlOptions entry) {
        String user = entry.requiredString("user");
        String server = entry.requiredString("server");
        String domain;
        try {
            domain = GeneralParser.normaliseDomain(server);
        } catch (IllegalArgumentException e) {
            throw entry.error("server", e.getMessage());
        }
        // '@' or '/' would make Jid.of() read a different address than the one meant.
        Jid jid = user.isEmpty() || user.contains("@") || user.contains("/") ? null : Jid.parseOrNull(user + "@" + domain);
        if (jid == null || !jid.hasLocal() || !jid.isBare()) {
            throw entry.error("user", "not a valid user name: " + TomlOptions.quote(user));
        }
        return jid.toString();
    }

    private static Map<String, Options> parseModules(TomlOptions section) {
        Map<String, Options> modules = new LinkedHashMap<>();
        for (String name : section.keys()) {
            if (!(section.value(name) instanceof TomlTable table)) {
                throw section.typeError(name, "a table of module options", section.value(name));
            }
            // A fresh root per module: its keys are the module's business, checked by its own rejectUnknown().
            modules.put(name, new TomlOptions(table, section.child(name), section.source(), section.positionOf(name)));
        }
        return Collections.unmodifiableMap(modules);
    }

    private static Map<String, Map<String, Options>> parseHostConfigs(TomlOptions root, List<String> hosts) {
        Map<String, Map<String, Options>> byHost = new LinkedHashMap<>();
        for (Options o : root.tableList("host_config")) {
            TomlOptions entry = (TomlOptions) o;
            String raw = entry.requiredString("host");
            String host;
            try {
                host = GeneralParser.normaliseDomain(raw);
            } catch (IllegalArgumentException e) {
                throw entry.error("host", e.getMessage());
            }
            if (!hosts.contains(host)) {
                throw entry.error("host", TomlOptions.quote(host) + " is not in general.hosts ("
                        + String.join(", ", hosts) + ")");
            }
            if (byHost.containsKey(host)) {
                throw entry.error("host", "a [[host_config]] for " + TomlOptions.quote(host) + " is already defined");
            }
            byHost.put(host, parseModules(entry.table("modules")));
        }
        return Collections.unmodifiableMap(byHost);
    }
}
