package dev.meerkat.auth.jwt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON (RFC 8259) for JWT headers and claims: one object whose values become String,
 * Long/Double, Boolean, null, List or Map. Anything malformed is an IllegalArgumentException.
 */
final class JsonObject {
    private final String s;
    private int i;

    private JsonObject(String s) {
        this.s = s;
    }

    static Map<String, Object> parse(String json) {
        JsonObject p = new JsonObject(json);
        p.skipSpace();
        if (p.peek() != '{') throw new IllegalArgumentException("not a JSON object");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) p.value(0);
        p.skipSpace();
        if (p.i != json.length()) throw new IllegalArgumentException("trailing characters");
        return result;
    }

    private Object value(int depth) {
        if (depth > 32) throw new IllegalArgumentException("nested too deep");
        skipSpace();
        char c = peek();
        switch (c) {
            case '{' -> {
                i++;
                Map<String, Object> map = new LinkedHashMap<>();
                skipSpace();
                if (peek() == '}') { i++; return map; }
                while (true) {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    // a repeated claim is ambiguous (RFC 7519 §4): refuse rather than pick one
                    if (map.containsKey(key)) throw new IllegalArgumentException("duplicate key " + key);
                    map.put(key, value(depth + 1));
                    skipSpace();
                    if (peek() == ',') { i++; continue; }
                    expect('}');
                    return map;
                }
            }
            case '[' -> {
                i++;
                List<Object> list = new ArrayList<>();
                skipSpace();
                if (peek() == ']') { i++; return list; }
                while (true) {
                    list.add(value(depth + 1));
                    skipSpace();
                    if (peek() == ',') { i++; continue; }
                    expect(']');
                    return list;
                }
            }
            case '"' -> { return string(); }
            case 't' -> { word("true"); return Boolean.TRUE; }
            case 'f' -> { word("false"); return Boolean.FALSE; }
            case 'n' -> { word("null"); return null; }
            default -> { return number(); }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') return b.toString();
            if (c < 0x20) throw new IllegalArgumentException("control character in string");
            if (c != '\\') { b.append(c); continue; }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) throw new IllegalArgumentException("short \\u escape");
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e);
            }
        }
    }

    private Number number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
        String n = s.substring(start, i);
        if (n.isEmpty()) throw new IllegalArgumentException("unexpected character at " + start);
        try {
            return n.matches("-?\\d+") ? (Number) Long.parseLong(n) : (Number) Double.parseDouble(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number " + n, e);
        }
    }

    private void word(String w) {
        if (!s.startsWith(w, i)) throw new IllegalArgumentException("unexpected token at " + i);
        i += w.length();
    }

    private void skipSpace() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private char peek() {
        if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) throw new IllegalArgumentException("expected '" + c + "' at " + (i - 1));
    }
}
