package dev.meerkat.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The list of SINT tests that do not pass yet: one {@code Class.method} (or {@code Class.*}) per
 * line, a {@code #} and the reason after it. Blank lines and lines starting with {@code #} are
 * comments.
 */
final class KnownFailures {
    private KnownFailures() {}

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            int hash = t.indexOf('#');
            String test = (hash < 0 ? t : t.substring(0, hash)).strip();
            String reason = hash < 0 ? "" : t.substring(hash + 1).strip();
            if (reason.isEmpty()) throw new IllegalArgumentException(file + ": no reason given for " + test);
            out.put(test, reason);
        }
        return out;
    }
}
