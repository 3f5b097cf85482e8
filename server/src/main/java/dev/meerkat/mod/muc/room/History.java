package dev.meerkat.mod.muc.room;

import dev.meerkat.xml.Element;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** The last groupchat messages of a room, replayed to new occupants (§7.2.15). Room-thread only. */
public final class History {
    /** A message as broadcast (from room/nick, without 'to'), and when. */
    public record Entry(Instant at, Element message) {}

    /**
     * What a joining user asked for (§7.2.15 {@code <history/>}); null fields mean no limit.
     */
    public record Request(Integer maxChars, Integer maxStanzas, Integer seconds, Instant since) {
        public static final Request ALL = new Request(null, null, null, null);

        public static Request parse(Element history) {
            if (history == null) return ALL;
            return new Request(num(history.attr("maxchars")), num(history.attr("maxstanzas")),
                    num(history.attr("seconds")), instant(history.attr("since")));
        }

        private static Integer num(String s) {
            try {
                return s == null ? null : Math.max(0, Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static Instant instant(String s) {
            try {
                return s == null ? null : java.time.OffsetDateTime.parse(s.trim()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    public void add(Entry e, int limit) {
        entries.addLast(e);
        trim(limit);
    }

    public void trim(int limit) {
        while (entries.size() > Math.max(0, limit)) entries.removeFirst();
    }

    public List<Entry> all() { return List.copyOf(entries); }

    /**
     * The entries a request selects: newest first within the limits, returned oldest first. maxchars
     * counts the characters of each message's XML, as §7.2.15 suggests.
     */
    public static List<Entry> select(List<Entry> entries, Request r, Instant now) {
        List<Entry> out = new ArrayList<>();
        int chars = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (r.maxStanzas() != null && out.size() >= r.maxStanzas()) break;
            if (r.seconds() != null && e.at().isBefore(now.minus(Duration.ofSeconds(r.seconds())))) break;
            if (r.since() != null && !e.at().isAfter(r.since())) break;
            if (r.maxChars() != null) {
                chars += e.message().toXml().length();
                if (chars > r.maxChars()) break;
            }
            out.add(e);
        }
        Collections.reverse(out);
        return out;
    }
}
