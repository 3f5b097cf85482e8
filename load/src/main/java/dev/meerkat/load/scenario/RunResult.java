package dev.meerkat.load.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one run, in a fixed order: one summary line and one CSV row. */
public final class RunResult {
    private final Map<String, String> values = new LinkedHashMap<>();

    public RunResult put(String key, Object value) {
        values.put(key, value instanceof Double d ? String.format(java.util.Locale.ROOT, "%.2f", d) : String.valueOf(value));
        return this;
    }

    public String get(String key) { return values.get(key); }

    public long getLong(String key) { return Long.parseLong(values.get(key)); }

    public Map<String, String> values() { return Collections.unmodifiableMap(values); }

    /** "RESULT key=value ..." on one line, easy to grep and to parse. */
    public String summaryLine() {
        return "RESULT " + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    public String csvHeader() { return String.join(",", values.keySet()); }

    public String csvRow() { return values.values().stream().map(RunResult::csvField).collect(Collectors.joining(",")); }

    private static String csvField(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
