package dev.meerkat.mod.pubsub.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node's configuration as the fields of the {@code pubsub#node_config} form (XEP-0060 §16.4.4),
 * kept as a map of field var to values in canonical spelling (booleans "true"/"false"). Only the
 * fields in {@link #FIELDS} exist; {@link #with} checks values, so a stored config is always valid.
 */
public final class NodeConfig {
    public static final String TITLE = "pubsub#title";
    public static final String ACCESS_MODEL = "pubsub#access_model";
    public static final String PUBLISH_MODEL = "pubsub#publish_model";
    public static final String MAX_ITEMS = "pubsub#max_items";
    public static final String PERSIST_ITEMS = "pubsub#persist_items";
    public static final String DELIVER_PAYLOADS = "pubsub#deliver_payloads";
    public static final String DELIVER_NOTIFICATIONS = "pubsub#deliver_notifications";
    public static final String NOTIFY_RETRACT = "pubsub#notify_retract";
    public static final String NOTIFY_DELETE = "pubsub#notify_delete";
    public static final String NOTIFY_CONFIG = "pubsub#notify_config";
    public static final String PRESENCE_BASED_DELIVERY = "pubsub#presence_based_delivery";
    public static final String SEND_LAST = "pubsub#send_last_published_item";
    public static final String ROSTER_GROUPS = "pubsub#roster_groups_allowed";
    public static final String NOTIFICATION_TYPE = "pubsub#notification_type";
    public static final String TYPE = "pubsub#type";
    /** The value of {@link #MAX_ITEMS} meaning "as many as the service allows" (XEP-0060 §16.4.4). */
    public static final String MAX = "max";

    /** The kind of a field: how its values are checked and how the form shows it. */
    public enum Kind { TEXT, BOOLEAN, LIST_SINGLE, LIST_MULTI, ITEMS }

    /** A supported field: its form type, label and allowed values (LIST_SINGLE). */
    public record Field(String var, Kind kind, String label, List<String> options) {
        public String formType() {
            return switch (kind) {
                case TEXT, ITEMS -> "text-single";
                case BOOLEAN -> "boolean";
                case LIST_SINGLE -> "list-single";
                case LIST_MULTI -> "text-multi";
            };
        }
    }

    public static final List<Field> FIELDS = List.of(
            new Field(TITLE, Kind.TEXT, "A friendly name for the node", List.of()),
            new Field(ACCESS_MODEL, Kind.LIST_SINGLE, "Who may subscribe and retrieve items",
                    List.of("open", "presence", "roster", "whitelist")),
            new Field(PUBLISH_MODEL, Kind.LIST_SINGLE, "Who may publish", List.of("publishers", "subscribers", "open")),
            new Field(MAX_ITEMS, Kind.ITEMS, "Maximum number of items to persist (or 'max')", List.of()),
            new Field(PERSIST_ITEMS, Kind.BOOLEAN, "Persist items to storage", List.of()),
            new Field(DELIVER_PAYLOADS, Kind.BOOLEAN, "Deliver payloads with event notifications", List.of()),
            new Field(DELIVER_NOTIFICATIONS, Kind.BOOLEAN, "Deliver event notifications", List.of()),
            new Field(NOTIFY_RETRACT, Kind.BOOLEAN, "Notify subscribers when items are removed", List.of()),
            new Field(NOTIFY_DELETE, Kind.BOOLEAN, "Notify subscribers when the node is deleted", List.of()),
            new Field(NOTIFY_CONFIG, Kind.BOOLEAN, "Notify subscribers when the configuration changes", List.of()),
            new Field(PRESENCE_BASED_DELIVERY, Kind.BOOLEAN, "Deliver only to available users", List.of()),
            new Field(SEND_LAST, Kind.LIST_SINGLE, "When to send the last published item",
                    List.of("never", "on_sub", "on_sub_and_presence")),
            new Field(ROSTER_GROUPS, Kind.LIST_MULTI, "Roster groups allowed to subscribe", List.of()),
            new Field(NOTIFICATION_TYPE, Kind.LIST_SINGLE, "Message type of notifications", List.of("normal", "headline")),
            new Field(TYPE, Kind.TEXT, "The type of node data, usually the payload namespace", List.of()));

    private static final Map<String, Field> BY_VAR = index();

    private final Map<String, List<String>> values;

    private NodeConfig(Map<String, List<String>> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Defaults of a PEP node (XEP-0163 §4.2.1 / XEP-0223: presence access, one item, last item on presence). */
    public static NodeConfig pepDefaults() {
        return base("presence", "1", "on_sub_and_presence");
    }

    /** Defaults of a node of the pubsub component. */
    public static NodeConfig serviceDefaults() {
        return base("open", "10", "never");
    }

    private static NodeConfig base(String access, String maxItems, String sendLast) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(TITLE, List.of(""));
        m.put(ACCESS_MODEL, List.of(access));
        m.put(PUBLISH_MODEL, List.of("publishers"));
        m.put(MAX_ITEMS, List.of(maxItems));
        m.put(PERSIST_ITEMS, List.of("true"));
        m.put(DELIVER_PAYLOADS, List.of("true"));
        m.put(DELIVER_NOTIFICATIONS, List.of("true"));
        m.put(NOTIFY_RETRACT, List.of("true"));
        m.put(NOTIFY_DELETE, List.of("true"));
        m.put(NOTIFY_CONFIG, List.of("false"));
        m.put(PRESENCE_BASED_DELIVERY, List.of("false"));
        m.put(SEND_LAST, List.of(sendLast));
        m.put(ROSTER_GROUPS, List.of());
        m.put(NOTIFICATION_TYPE, List.of("headline"));
        m.put(TYPE, List.of(""));
        return new NodeConfig(m);
    }

    /** A stored configuration: known fields over the defaults, unknown or invalid ones dropped. */
    public static NodeConfig restore(NodeConfig defaults, Map<String, List<String>> stored) {
        NodeConfig c = defaults;
        for (Map.Entry<String, List<String>> e : stored.entrySet()) {
            try {
                c = c.with(Map.of(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ignored) {
                // a field a newer or older version wrote: keep the default
            }
        }
        return c;
    }

    /**
     * This configuration with the given fields changed; {@code FORM_TYPE} is ignored.
     *
     * @throws IllegalArgumentException naming the field if one is unknown or has a bad value
     */
    public NodeConfig with(Map<String, List<String>> changes) {
        Map<String, List<String>> m = new LinkedHashMap<>(values);
        for (Map.Entry<String, List<String>> e : changes.entrySet()) {
            if (e.getKey().equals("FORM_TYPE")) continue;
            m.put(e.getKey(), canonical(e.getKey(), e.getValue()));
        }
        return new NodeConfig(m);
    }

    /**
     * XEP-0060 §7.1.5: whether every precondition holds, compared as the field's kind says (so
     * "1" matches "true"). Unknown fields and bad values do not hold.
     */
    public boolean satisfies(Map<String, List<String>> preconditions) {
        for (Map.Entry<String, List<String>> e : preconditions.entrySet()) {
            if (e.getKey().equals("FORM_TYPE")) continue;
            try {
                if (!canonical(e.getKey(), e.getValue()).equals(values.get(e.getKey()))) return false;
            } catch (IllegalArgumentException bad) {
                return false;
            }
        }
        return true;
    }

    public Map<String, List<String>> values() { return values; }

    public Optional<String> single(String var) {
        List<String> v = values.getOrDefault(var, List.of());
        return v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    public boolean flag(String var) { return single(var).map("true"::equals).orElse(false); }

    public AccessModel accessModel() { return AccessModel.fromXml(single(ACCESS_MODEL).orElse("open")); }

    public String publishModel() { return single(PUBLISH_MODEL).orElse("publishers"); }

    public String sendLast() { return single(SEND_LAST).orElse("never"); }

    public List<String> rosterGroups() { return values.getOrDefault(ROSTER_GROUPS, List.of()); }

    /** Items kept: {@code max_items} capped at the service's limit ("max" = the limit); 1 when not persisting. */
    public int maxItems(int serviceLimit) {
        if (!flag(PERSIST_ITEMS)) return 1;
        String v = single(MAX_ITEMS).orElse(MAX);
        return v.equals(MAX) ? serviceLimit : Math.min(Integer.parseInt(v), serviceLimit);
    }

    private static List<String> canonical(String var, List<String> given) {
        Field f = BY_VAR.get(var);
        if (f == null) throw new IllegalArgumentException("unsupported field " + var);
        if (f.kind() == Kind.LIST_MULTI) return List.copyOf(given);
        if (given.size() > 1) throw new IllegalArgumentException("field " + var + " takes one value");
        String v = given.isEmpty() ? "" : given.getFirst().strip();
        return switch (f.kind()) {
            case TEXT -> List.of(v);
            case BOOLEAN -> switch (v) {
                case "1", "true" -> List.of("true");
                case "0", "false" -> List.of("false");
                default -> throw new IllegalArgumentException("field " + var + " is a boolean");
            };
            case LIST_SINGLE -> {
                if (!f.options().contains(v)) throw new IllegalArgumentException("field " + var + " does not allow " + v);
                yield List.of(v);
            }
            case ITEMS -> {
                if (v.equals(MAX)) yield List.of(MAX);
                try {
                    int n = Integer.parseInt(v);
                    if (n < 1) throw new IllegalArgumentException("field " + var + " must be at least 1");
                    yield List.of(Integer.toString(n));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("field " + var + " is a number or 'max'");
                }
            }
            case LIST_MULTI -> throw new AssertionError();
        };
    }

    private static Map<String, Field> index() {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : FIELDS) m.put(f.var(), f);
        return m;
    }

    /** The supported field vars. */
    public static Set<String> vars() { return BY_VAR.keySet(); }

    public static Field field(String var) { return BY_VAR.get(var); }

    @Override
    public boolean equals(Object o) { return o instanceof NodeConfig c && c.values.equals(values); }

    @Override
    public int hashCode() { return values.hashCode(); }

    @Override
    public String toString() { return "NodeConfig" + new ArrayList<>(values.entrySet()); }
}
