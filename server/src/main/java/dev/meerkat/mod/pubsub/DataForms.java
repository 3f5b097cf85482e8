package dev.meerkat.mod.pubsub;

import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.xml.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** XEP-0004 data forms as pubsub uses them: node configuration and publish options. */
public final class DataForms {
    private DataForms() {}

    /** The fields of a submitted form, by var, FORM_TYPE included. */
    public static Map<String, List<String>> fields(Element x) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Element f : x.children("field", PubSubNs.DATA)) {
            String var = f.attr("var");
            if (var == null) continue;
            List<String> values = new ArrayList<>();
            for (Element v : f.children("value", PubSubNs.DATA)) values.add(v.text());
            m.put(var, List.copyOf(values));
        }
        return m;
    }

    /** The FORM_TYPE of a form, or null. */
    public static String formType(Map<String, List<String>> fields) {
        List<String> v = fields.get("FORM_TYPE");
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    /** The node configuration as a form of the given type ("form" to fill in, "result"...). */
    public static Element configForm(NodeConfig config, String formType, String type) {
        Element.Builder x = Element.builder("x", PubSubNs.DATA).attr("type", type);
        x.child(field("FORM_TYPE", "hidden", null, List.of(formType), List.of()));
        for (NodeConfig.Field f : NodeConfig.FIELDS) {
            x.child(field(f.var(), f.formType(), f.label(), config.values().getOrDefault(f.var(), List.of()), f.options()));
        }
        return x.build();
    }

    /** A form with just these fields (FORM_TYPE first). */
    public static Element simpleForm(String formType, String type, Map<String, List<String>> values) {
        Element.Builder x = Element.builder("x", PubSubNs.DATA).attr("type", type);
        x.child(field("FORM_TYPE", "hidden", null, List.of(formType), List.of()));
        values.forEach((var, v) -> {
            NodeConfig.Field f = NodeConfig.field(var);
            x.child(field(var, f == null ? "text-single" : f.formType(), null, v, List.of()));
        });
        return x.build();
    }

    /** A form of boolean options (subscription options, XEP-0060 §6.3), FORM_TYPE first. */
    public static Element optionsForm(String formType, String type, java.util.Map<String, List<String>> values) {
        Element.Builder x = Element.builder("x", PubSubNs.DATA).attr("type", type);
        x.child(field("FORM_TYPE", "hidden", null, List.of(formType), List.of()));
        values.forEach((var, v) -> x.child(field(var, "boolean", null, v, List.of())));
        return x.build();
    }

    private static Element field(String var, String type, String label, List<String> values, List<String> options) {
        Element.Builder b = Element.builder("field", PubSubNs.DATA).attr("var", var).attr("type", type).attr("label", label);
        for (String o : options) {
            b.child(Element.builder("option", PubSubNs.DATA)
                    .child(Element.builder("value", PubSubNs.DATA).text(o).build()).build());
        }
        for (String v : values) b.child(Element.builder("value", PubSubNs.DATA).text(v).build());
        return b.build();
    }
}
