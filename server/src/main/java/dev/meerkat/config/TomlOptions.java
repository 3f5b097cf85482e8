package dev.meerkat.config;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link Options} over one tomlj table. The values never change; the only mutable state is the
 * set of keys some getter asked for, which {@link #rejectUnknown()} needs. That set is concurrent
 * because modules of different hosts may read the same table.
 *
 * <p>Sub-tables obtained through {@link #table} and {@link #tableList} are remembered, so that one
 * {@code rejectUnknown()} on the top table also checks everything below it.
 */
public final class TomlOptions implements Options {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final TomlTable table; // null when the table is absent
    private final String path;
    private final String source;
    private final TomlPosition position; // of the table itself, null when unknown
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> children = new ConcurrentHashMap<>();

    TomlOptions(TomlTable table, String path, String source, TomlPosition position) {
        this.table = table;
        this.path = path;
        this.source = source;
        this.position = position;
    }

    /** An absent table: every getter returns its default. */
    public static TomlOptions empty(String path) {
        return new TomlOptions(null, path, "configuration", null);
    }

    /**
     * Parses a TOML snippet holding the keys of one table, e.g. {@code "ip_access = [...]"}; handy for
     * building a module's options in tests. Error messages start with {@code sourceName} and the
     * line within the snippet.
     */
    public static TomlOptions fromToml(String toml, String path, String sourceName) {
        TomlParseResult result = Toml.parse(toml);
        ConfigLoader.throwOnSyntaxErrors(result, sourceName);
        return new TomlOptions(result, path, sourceName, null);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String string(String key, String defaultValue) {
        Object v = value(key);
        if (v == null) return defaultValue;
        if (v instanceof String s) return s;
        throw typeError(key, "a string", v);
    }

    @Override
    public String oneOf(String key, Set<String> allowed, String defaultValue) {
        String s = string(key, null);
        if (s == null) return defaultValue;
        if (!allowed.contains(s)) {
            // A set without an order (Set.of) would list the choices differently on every run.
            Iterable<String> shown = allowed instanceof SequencedSet<String> ? allowed : new TreeSet<>(allowed);
            throw error(key, "expected one of " + String.join(", ", shown) + ", got " + quote(s));
        }
        return s;
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        Object v = value(key);
        if (v == null) return defaultValue;
        if (!(v instanceof Long n)) throw typeError(key, "an integer", v);
        if (n < min || n > max) {
            throw error(key, "must be between " + min + " and " + max + ", got " + n);
        }
        return n.intValue();
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        Object v = value(key);
        if (v == null) return defaultValue;
        if (v instanceof Boolean b) return b;
        throw typeError(key, "a boolean (true or false)", v);
    }

    @Override
    public Duration seconds(String key, Duration defaultValue) {
        Object v = value(key);
        if (v == null) return defaultValue;
        if (!(v instanceof Long n)) throw typeError(key, "an integer number of seconds", v);
        if (n < 0) throw error(key, "must not be negative, got " + n);
        return Duration.ofSeconds(n);
    }

    @Override
    public List<String> stringList(String key, List<String> defaultValue) {
        Object v = value(key);
        if (v == null) return defaultValue == null ? null : List.copyOf(defaultValue);
        if (!(v instanceof TomlArray array)) throw typeError(key, "an array of strings", v);
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            if (!(item instanceof String s)) {
                throw new ConfigException(format(array.inputPositionOf(i), child(key) + "[" + i + "]",
                        "expected a string, got " + describe(item)));
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Options> tableList(String key) {
        return (List<Options>) children.computeIfAbsent("[" + key, k -> readTableList(key));
    }

    private List<Options> readTableList(String key) {
        Object v = value(key);
        if (v == null) return List.of();
        if (!(v instanceof TomlArray array)) throw typeError(key, "an array of tables", v);
        List<Options> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            String itemPath = child(key) + "[" + i + "]";
            if (!(item instanceof TomlTable t)) {
                throw new ConfigException(format(array.inputPositionOf(i), itemPath,
                        "expected a table, got " + describe(item)));
            }
            out.add(new TomlOptions(t, itemPath, source, array.inputPositionOf(i)));
        }
        return List.copyOf(out);
    }

    @Override
    public TomlOptions table(String key) {
        return (TomlOptions) children.computeIfAbsent("." + key, k -> readTable(key));
    }

    private TomlOptions readTable(String key) {
        Object v = value(key);
        if (v == null) return new TomlOptions(null, child(key), source, position);
        if (!(v instanceof TomlTable t)) throw typeError(key, "a table", v);
        return new TomlOptions(t, child(key), source, table.inputPositionOf(List.of(key)));
    }

    @Override
    public boolean has(String key) {
        // Asking is knowing: a module that tests for a key must not have it reported as unknown.
        read.add(key);
        return table != null && table.contains(List.of(key));
    }

    @Override
    public void rejectUnknown() {
        List<String> unknown = new ArrayList<>();
        for (String key : keys()) {
            if (!read.contains(key)) unknown.add(key);
        }
        unknown.sort(Comparator.comparingInt(this::lineOf));
        if (!unknown.isEmpty()) {
            String known = read.isEmpty() ? "none" : String.join(", ", new TreeSet<>(read));
            TomlPosition first = table.inputPositionOf(List.of(unknown.getFirst()));
            if (unknown.size() == 1) {
                throw new ConfigException(format(first, child(unknown.getFirst()),
                        "unknown key (known keys: " + known + ")"));
            }
            String listed = unknown.stream()
                    .map(k -> quoteKey(k) + lineSuffix(table.inputPositionOf(List.of(k))))
                    .collect(Collectors.joining(", "));
            throw new ConfigException(format(first, path, "unknown keys " + listed + " (known keys: " + known + ")"));
        }
        // Report in document order; the map itself has none.
        children.entrySet().stream().sorted(Comparator.comparingInt(e -> lineOf(e.getKey().substring(1)))).forEach(e -> {
            if (e.getValue() instanceof TomlOptions o) {
                o.rejectUnknown();
            } else {
                for (Object o : (List<?>) e.getValue()) ((TomlOptions) o).rejectUnknown();
            }
        });
    }

    @Override
    public String toString() {
        // Keys only: values may be passwords.
        return path + keys();
    }

    // ---- used by ConfigLoader, which reads the server's own sections through the same getters ----

    /** The keys present, in document order. */
    List<String> keys() {
        return table == null ? List.of() : List.copyOf(table.keySet());
    }

    /** Marks a key as handled without reading it through a getter. */
    void markRead(String key) {
        read.add(key);
    }

    /** The raw value, for keys whose type the caller checks itself. Marks the key as read. */
    Object value(String key) {
        read.add(key);
        return table == null ? null : table.get(List.of(key));
    }

    int requiredInteger(String key, int min, int max) {
        if (!has(key)) throw missing(key);
        return integer(key, 0, min, max);
    }

    String requiredString(String key) {
        if (!has(key)) throw missing(key);
        return string(key, null);
    }

    /** An error about the value of {@code key}, located at that key's line. */
    ConfigException error(String key, String message) {
        return new ConfigException(format(positionOf(key), child(key), message));
    }

    /** An error about one element of the array {@code key}, located at that element. */
    ConfigException elementError(String key, int index, String message) {
        TomlPosition at = null;
        if (table != null && table.get(List.of(key)) instanceof TomlArray array && index < array.size()) {
            at = array.inputPositionOf(index);
        }
        return new ConfigException(format(at == null ? positionOf(key) : at, child(key) + "[" + index + "]", message));
    }

    /** Where {@code key} is written, or where this table starts when the key is absent. */
    TomlPosition positionOf(String key) {
        TomlPosition at = table == null ? null : table.inputPositionOf(List.of(key));
        return at == null ? position : at;
    }

    /** An error about this table as a whole, located where it starts. */
    ConfigException errorHere(String message) {
        return new ConfigException(format(position, path, message));
    }

    ConfigException missing(String key) {
        return new ConfigException(format(position, child(key), "required key is missing"));
    }

    ConfigException typeError(String key, String expected, Object actual) {
        return error(key, "expected " + expected + ", got " + describe(actual));
    }

    /** Full path of a key in this table, e.g. {@code listen.c2s[0].port}. */
    String child(String key) {
        String k = quoteKey(key);
        return path.isEmpty() ? k : path + "." + k;
    }

    String source() {
        return source;
    }

    private String format(TomlPosition at, String keyPath, String message) {
        return locate(at) + keyPath + ": " + message;
    }

    private String locate(TomlPosition at) {
        return source + (at == null ? "" : " line " + at.line()) + ": ";
    }

    private int lineOf(String key) {
        TomlPosition at = positionOf(key);
        return at == null ? 0 : at.line();
    }

    private static String lineSuffix(TomlPosition at) {
        return at == null ? "" : " (line " + at.line() + ")";
    }

    private static String quoteKey(String key) {
        return BARE_KEY.matcher(key).matches() ? key : quote(key);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String describe(Object v) {
        if (v instanceof String s) return "string " + quote(s);
        if (v instanceof Long n) return "integer " + n;
        if (v instanceof Double d) return "float " + d;
        if (v instanceof Boolean b) return "boolean " + b;
        if (v instanceof TomlArray) return "an array";
        if (v instanceof TomlTable) return "a table";
        return "a date/time (" + v + ")";
    }
}
