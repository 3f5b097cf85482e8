package dev.meerkat.admin;

import java.util.List;
import java.util.Map;

/** A parsed admin API request: query parameters, and the JSON body members or the raw body. */
public record AdminRequest(Map<String, List<String>> query, Map<String, Object> body, String rawBody, String contentType) {
    /** A string parameter from the body, else from the query; null when absent. */
    public String string(String name) {
        Object v = body.get(name);
        if (v != null) {
            if (v instanceof String s) return s;
            throw AdminException.badRequest(name + " must be a string");
        }
        List<String> q = query.get(name);
        return q == null || q.isEmpty() ? null : q.getFirst();
    }

    public String required(String name) {
        String v = string(name);
        if (v == null || v.isEmpty()) throw AdminException.badRequest(name + " is required");
        return v;
    }

    /** A JSON object member of the body; null when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String name) {
        Object v = body.get(name);
        if (v == null) return null;
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw AdminException.badRequest(name + " must be a JSON object");
    }

    /** An integer parameter; {@code dflt} when absent, 400 when not a number. */
    public int integer(String name, int dflt) {
        Object v = body.get(name);
        if (v instanceof Long n && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) return n.intValue();
        String s = string(name);
        if (s == null || s.isBlank()) return dflt;
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw AdminException.badRequest(name + " must be an integer");
        }
    }

    /** A list of strings: a JSON array, or a comma-separated string. */
    public List<String> strings(String name) {
        Object v = body.get(name);
        if (v instanceof List<?> list) {
            return list.stream().map(o -> {
                if (o instanceof String s) return s;
                throw AdminException.badRequest(name + " must be an array of strings");
            }).toList();
        }
        String s = string(name);
        if (s == null || s.isBlank()) return List.of();
        return java.util.Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
