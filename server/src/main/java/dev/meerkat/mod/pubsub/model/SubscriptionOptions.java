package dev.meerkat.mod.pubsub.model;

import java.util.List;
import java.util.Map;

/**
 * The options of one subscription (XEP-0060 §6.3, form {@code pubsub#subscribe_options}). Only
 * {@code pubsub#deliver} is configurable: digests and message bodies are not produced by this
 * server, so {@code pubsub#digest} and {@code pubsub#include_body} are accepted only as false.
 *
 * @param deliver whether notifications go to this subscription at all (false pauses it)
 */
public record SubscriptionOptions(boolean deliver) {
    public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#subscribe_options";
    public static final String DELIVER = "pubsub#deliver";
    public static final String DIGEST = "pubsub#digest";
    public static final String INCLUDE_BODY = "pubsub#include_body";

    public static final SubscriptionOptions DEFAULT = new SubscriptionOptions(true);

    /** The fields of the options form, in form order (FORM_TYPE not included). */
    public Map<String, List<String>> values() {
        return Map.of(DELIVER, List.of(Boolean.toString(deliver)));
    }

    /**
     * These options with a submitted form's fields applied (FORM_TYPE may be present).
     *
     * @throws IllegalArgumentException naming the field for an unknown field, a value that is not
     *                                  a boolean, or a feature this server does not offer (digest, body)
     */
    public SubscriptionOptions with(Map<String, List<String>> fields) {
        boolean d = deliver;
        for (Map.Entry<String, List<String>> f : fields.entrySet()) {
            switch (f.getKey()) {
                case "FORM_TYPE" -> { }
                case DELIVER -> d = bool(f.getKey(), f.getValue());
                case DIGEST, INCLUDE_BODY -> {
                    if (bool(f.getKey(), f.getValue())) throw new IllegalArgumentException(f.getKey() + " is not offered by this service");
                }
                default -> throw new IllegalArgumentException("unknown subscription option " + f.getKey());
            }
        }
        return new SubscriptionOptions(d);
    }

    private static boolean bool(String var, List<String> values) {
        if (values.size() != 1) throw new IllegalArgumentException(var + " takes one value");
        return switch (values.getFirst().trim()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException(var + " is a boolean");
        };
    }
}
