package dev.meerkat.mod.adhoc;

import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A XEP-0004 data form as the commands read and write it.
 *
 * @param type         form, submit, cancel or result
 * @param title        or null
 * @param instructions or null
 * @param fields       in order
 * @param payloads     other elements carried inside the form (XEP-0133 get-user-roster puts the
 *                     roster query there)
 */
public record DataForm(String type, String title, String instructions, List<Field> fields, List<Element> payloads) {
    /** The FORM_TYPE of every XEP-0133 form. */
    public static final String ADMIN_FORM_TYPE = "http://jabber.org/protocol/admin";

    public DataForm {
        fields = List.copyOf(fields);
        payloads = List.copyOf(payloads);
    }

    /** One option of a list field. */
    public record Option(String label, String value) {}

    /**
     * One field.
     *
     * @param type null in submitted forms that leave it out
     */
    public record Field(String var, String type, String label, boolean required, List<String> values, List<Option> options) {
        public Field {
            values = List.copyOf(values);
            options = List.copyOf(options);
        }

        public static Field of(String type, String var, String label, boolean required) {
            return new Field(var, type, label, required, List.of(), List.of());
        }

        public static Field hidden(String var, String value) {
            return new Field(var, "hidden", null, false, List.of(value), List.of());
        }

        public Field withValues(List<String> newValues) { return new Field(var, type, label, required, newValues, options); }

        public Field withOptions(List<Option> newOptions) { return new Field(var, type, label, required, values, newOptions); }
    }

    public static DataForm form(String title, String instructions, List<Field> fields) {
        return new DataForm("form", title, instructions, fields, List.of());
    }

    public static DataForm result(String title, List<Field> fields) {
        return new DataForm("result", title, null, fields, List.of());
    }

    public DataForm withPayload(Element payload) {
        List<Element> p = new ArrayList<>(payloads);
        p.add(payload);
        return new DataForm(type, title, instructions, fields, p);
    }

    public Optional<Field> field(String var) {
        return fields.stream().filter(f -> var.equals(f.var())).findFirst();
    }

    /** All values of a field; empty when the field is absent. */
    public List<String> values(String var) {
        return field(var).map(Field::values).orElse(List.of());
    }

    /** The first value, stripped; empty when absent or blank. */
    public Optional<String> value(String var) {
        return values(var).stream().findFirst().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A text-multi value: its lines joined again. */
    public Optional<String> text(String var) {
        List<String> v = values(var);
        String joined = String.join("\n", v);
        return joined.isBlank() ? Optional.empty() : Optional.of(joined);
    }

    public Element toElement() {
        Element.Builder x = Element.builder("x", Ns.DATA_FORMS).attr("type", type);
        if (title != null) x.textChild("title", title);
        if (instructions != null) x.textChild("instructions", instructions);
        for (Field f : fields) {
            Element.Builder fe = Element.builder("field", Ns.DATA_FORMS).attr("var", f.var()).attr("type", f.type()).attr("label", f.label());
            if (f.required()) fe.child(Element.of("required", Ns.DATA_FORMS));
            for (String v : f.values()) fe.textChild("value", v);
            for (Option o : f.options()) {
                fe.child(Element.builder("option", Ns.DATA_FORMS).attr("label", o.label()).textChild("value", o.value()).build());
            }
            x.child(fe.build());
        }
        payloads.forEach(x::child);
        return x.build();
    }

    /** Reads a form; unknown children other than fields are ignored. */
    public static DataForm parse(Element x) {
        List<Field> fields = new ArrayList<>();
        for (Element f : x.children("field", Ns.DATA_FORMS)) {
            List<String> values = f.children("value", Ns.DATA_FORMS).stream().map(Element::text).toList();
            fields.add(new Field(f.attr("var"), f.attr("type"), f.attr("label"),
                    f.child("required", Ns.DATA_FORMS).isPresent(), values, List.of()));
        }
        return new DataForm(x.attr("type"), x.childText("title", Ns.DATA_FORMS).orElse(null),
                x.childText("instructions", Ns.DATA_FORMS).orElse(null), fields, List.of());
    }
}
