package dev.meerkat.mod.muc.room;

import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough of XEP-0004 data forms for room configuration and room info. */
public final class DataForm {
    private DataForm() {}

    /** Builds a form of the given type whose hidden FORM_TYPE is {@code formType}. */
    public static final class Builder {
        private final Element.Builder x;

        public Builder(String type, String formType) {
            x = Element.builder("x", Ns.DATA_FORMS).attr("type", type);
            field("FORM_TYPE", "hidden", null, List.of(formType), List.of());
        }

        public Builder title(String title) {
            x.textChild("title", title);
            return this;
        }

        public Builder field(String var, String type, String label, List<String> values, List<String> options) {
            Element.Builder f = Element.builder("field", Ns.DATA_FORMS).attr("var", var).attr("type", type)
                    .attr("label", label);
            for (String o : options) {
                f.child(Element.builder("option", Ns.DATA_FORMS).textChild("value", o).build());
            }
            for (String v : values) f.textChild("value", v);
            x.child(f.build());
            return this;
        }

        public Builder bool(String var, String label, boolean value) {
            return field(var, "boolean", label, List.of(value ? "1" : "0"), List.of());
        }

        public Builder text(String var, String label, String value) {
            return field(var, "text-single", label, value == null ? List.of() : List.of(value), List.of());
        }

        public Element build() { return x.build(); }
    }

    /** The values of a submitted form's fields, by var, in document order. */
    public static Map<String, List<String>> values(Element form) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Element f : form.children("field", Ns.DATA_FORMS)) {
            String var = f.attr("var");
            if (var == null) continue;
            List<String> vs = new ArrayList<>();
            for (Element v : f.children("value", Ns.DATA_FORMS)) vs.add(v.text());
            out.put(var, vs);
        }
        return out;
    }

    /** XEP-0004 booleans: "1"/"true" are true, "0"/"false" false, anything else is an error. */
    public static Boolean parseBool(String v) {
        return switch (v.trim()) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> null;
        };
    }
}
