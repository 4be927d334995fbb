package im.satellite.muc.element;

import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dom4j.Element;

/**
 * A small XEP-0004 data form: built field by field for forms and results, and read back from submissions. Fields
 * keep the order in which they were added (the config form's order comes from {@code ConfigOrder}).
 */
public final class DataForm {
    private final String type;
    private final String title;
    private final List<Placed> fields = new ArrayList<>();

    private record Placed(int position, int seq, Element element) {
    }

    public DataForm(String type, String formType, String title) {
        this.type = type;
        this.title = title;
        if (formType != null) {
            add(Integer.MIN_VALUE, "FORM_TYPE", "hidden", null, List.of(formType));
        }
    }

    /** Adds a field at {@code position} (lower first) and returns its element, to add options to. */
    public Element add(int position, String var, String fieldType, String label, List<String> values) {
        Element f = Elements.create("field", Namespaces.DATA_FORMS).addAttribute("var", var);
        if (fieldType != null) {
            f.addAttribute("type", fieldType);
        }
        if (label != null) {
            f.addAttribute("label", label);
        }
        for (String v : values) {
            f.addElement("value", Namespaces.DATA_FORMS).setText(v);
        }
        fields.removeIf(p -> p.element().attributeValue("var").equals(var));
        fields.add(new Placed(position, fields.size(), f));
        return f;
    }

    public Element bool(int position, String var, String label, boolean value) {
        return add(position, var, "boolean", label, List.of(value ? "1" : "0"));
    }

    public Element text(int position, String var, String label, String value) {
        return add(position, var, "text-single", label, value == null || value.isEmpty() ? List.of() : List.of(value));
    }

    /** A list-multi field with {@code values} selected among {@code (value, label)} options. */
    public Element listMulti(int position, String var, String label, List<String> values, String... options) {
        Element f = add(position, var, "list-multi", label, values);
        for (int i = 0; i + 1 < options.length; i += 2) {
            f.addElement("option", Namespaces.DATA_FORMS).addAttribute("label", options[i + 1])
                    .addElement("value", Namespaces.DATA_FORMS).setText(options[i]);
        }
        return f;
    }

    /** A list-single field with {@code (value, label)} options. */
    public Element listSingle(int position, String var, String label, String value, String... options) {
        Element f = add(position, var, "list-single", label, value == null ? List.of() : List.of(value));
        for (int i = 0; i + 1 < options.length; i += 2) {
            f.addElement("option", Namespaces.DATA_FORMS).addAttribute("label", options[i + 1])
                    .addElement("value", Namespaces.DATA_FORMS).setText(options[i]);
        }
        return f;
    }

    public Element toElement() {
        Element x = Elements.create("x", Namespaces.DATA_FORMS).addAttribute("type", type);
        if (title != null) {
            x.addElement("title", Namespaces.DATA_FORMS).setText(title);
        }
        fields.stream().sorted(java.util.Comparator.comparingInt(Placed::position).thenComparingInt(Placed::seq))
                .forEach(p -> x.add(p.element().createCopy()));
        return x;
    }

    /** The first {@code jabber:x:data} child of {@code parent}, if any. */
    public static Optional<Element> find(Element parent) {
        return Elements.child(parent, "x", Namespaces.DATA_FORMS);
    }

    /** The values of each field of a submitted form, by var, in document order. */
    public static Map<String, List<String>> values(Element x) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Element f : x.elements("field")) {
            String var = f.attributeValue("var");
            if (var == null) {
                continue;
            }
            List<String> vs = new ArrayList<>();
            for (Element v : f.elements("value")) {
                vs.add(v.getText());
            }
            out.put(var, vs);
        }
        return out;
    }

    /** The FORM_TYPE of a form, or null. */
    public static String formType(Element x) {
        List<String> v = values(x).get("FORM_TYPE");
        return v == null || v.isEmpty() ? null : v.get(0).trim();
    }

    /** XEP-0004 §3.3: boolean values are "1"/"true" or "0"/"false". */
    public static Optional<Boolean> parseBool(String s) {
        return switch (s.trim()) {
            case "1", "true" -> Optional.of(true);
            case "0", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
