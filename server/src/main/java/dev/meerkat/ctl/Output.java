package dev.meerkat.ctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Human-readable output: a sentence for actions, lines or a table for lists, "key: value" for figures. */
final class Output {
    private Output() {
    }

    static void render(CtlCommand c, Object body, PrintWriter out) {
        if (!(body instanceof Map<?, ?> m)) {
            out.println(body);
            return;
        }
        if (c.category().equals("muc") && muc(c.name(), m, out)) return;
        switch (c.name()) {
            case "registerUser" -> out.println("User " + m.get("jid") + " registered");
            case "removeUser" -> out.println("User " + m.get("removed") + " removed");
            case "changeUserPassword" -> out.println("Password of " + m.get("user") + " changed");
            case "checkUser" -> out.println("User " + m.get("user") + (Boolean.TRUE.equals(m.get("exists")) ? " exists" : " does not exist"));
            case "countUsers", "countSessions", "countMessages" -> out.println(m.get("count"));
            case "getVcard" -> out.println(m.get("vcard"));
            case "setVcard" -> out.println("vCard of " + m.get("user") + " set");
            case "setLast" -> out.println("Last activity of " + m.get("user") + " set to " + m.get("timestamp"));
            case "deleteMessages" -> out.println("Deleted " + m.get("deleted") + " offline message(s) of " + m.get("user"));
            case "kickUser" -> out.println("Kicked " + m.get("kicked") + " session(s)");
            case "sendMessage", "sendStanza" -> out.println("Sent");
            case "addContact" -> out.println("Contact " + m.get("contact") + " added to the roster of " + m.get("user"));
            case "deleteContact" -> out.println("Contact " + m.get("removed") + " removed from the roster of " + m.get("user"));
            case "setMutualSubscription" -> out.println("Mutual subscription: " + m.get("action"));
            default -> generic(m, "", out);
        }
    }

    /** The sentences of the muc category (its kickUser is not the session one); false for listings. */
    private static boolean muc(String name, Map<?, ?> m, PrintWriter out) {
        switch (name) {
            case "createInstantRoom" -> out.println("Room " + m.get("room") + " created, owned by " + m.get("owner"));
            case "deleteRoom" -> out.println("Room " + m.get("destroyed") + " destroyed");
            case "setUserAffiliation" -> out.println("Affiliation of " + m.get("user") + " to " + m.get("room") + " set to " + m.get("affiliation"));
            case "inviteUser" -> out.println("Invitation to " + m.get("room") + " sent to " + m.get("invited"));
            case "kickUser" -> out.println("Kicked " + m.get("kicked") + " from " + m.get("room"));
            case "sendMessageToRoom" -> out.println("Sent to " + m.get("room") + " as " + m.get("nick"));
            case "changeRoomConfig" -> {
                out.println("Configuration of " + m.get("room") + " changed");
                if (m.get("config") instanceof Map<?, ?> config) generic(config, "config.", out);
            }
            case "getRoomMessages" -> {
                List<?> messages = m.get("messages") instanceof List<?> l ? l : List.of();
                if (messages.isEmpty()) out.println("(none)");
                else table(messages, out);
                // where to page back from, as the option the next command takes
                if (Boolean.TRUE.equals(m.get("more")) && messages.getFirst() instanceof Map<?, ?> first) {
                    out.println("(older messages: --before " + first.get("id") + ")");
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Scalars as "key: value", lists of strings one a line, lists of objects as a table. */
    private static void generic(Map<?, ?> m, String prefix, PrintWriter out) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) {
                generic(sub, key + ".", out);
            } else if (v instanceof List<?> list) {
                if (list.isEmpty() && isListing(m)) out.println("(none)");
                else if (!list.isEmpty() && list.getFirst() instanceof Map<?, ?>) table(list, out);
                else if (m.size() > 1 && !isListing(m)) out.println(key + ": " + String.join(", ", list.stream().map(String::valueOf).toList()));
                else list.forEach(out::println);
            } else {
                // the context of a listing (its domain, its user) is already known to whoever asked
                if (!isListing(m)) out.println(key + ": " + (v == null ? "" : v));
            }
        }
    }

    private static boolean isListing(Map<?, ?> m) {
        for (String k : List.of("users", "sessions", "contacts", "rooms", "occupants", "affiliations")) if (m.get(k) instanceof List<?>) return true;
        return false;
    }

    private static void table(List<?> rows, PrintWriter out) {
        Set<String> columns = new LinkedHashSet<>();
        for (Object r : rows) ((Map<?, ?>) r).keySet().forEach(k -> columns.add(String.valueOf(k)));
        List<String> cols = new ArrayList<>(columns);
        List<List<String>> cells = new ArrayList<>();
        for (Object r : rows) {
            Map<?, ?> row = (Map<?, ?>) r;
            cells.add(cols.stream().map(c -> cell(row.get(c))).toList());
        }
        int[] width = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            width[i] = cols.get(i).length();
            for (List<String> row : cells) width[i] = Math.max(width[i], row.get(i).length());
        }
        out.println(line(cols.stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList(), width));
        for (List<String> row : cells) out.println(line(row, width));
    }

    private static String cell(Object v) {
        if (v == null) return "-";
        if (v instanceof List<?> l) return l.isEmpty() ? "-" : String.join(",", l.stream().map(String::valueOf).toList());
        return String.valueOf(v);
    }

    private static String line(List<String> values, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append("  ");
            b.append(i == values.size() - 1 ? values.get(i) : String.format("%-" + width[i] + "s", values.get(i)));
        }
        return b.toString();
    }
}
