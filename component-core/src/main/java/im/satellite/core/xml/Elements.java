package im.satellite.core.xml;

import java.util.Optional;
import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.QName;

/** Small dom4j helpers shared by the services. */
public final class Elements {
    private static final DocumentFactory FACTORY = DocumentFactory.getInstance();

    private Elements() {
    }

    /** A new element in the given namespace (the empty string for none). */
    public static Element create(String name, String namespace) {
        return FACTORY.createElement(QName.get(name, namespace == null ? "" : namespace));
    }

    /** The first child with this local name and namespace, if any. */
    public static Optional<Element> child(Element parent, String name, String namespace) {
        if (parent == null) {
            return Optional.empty();
        }
        for (Element e : parent.elements()) {
            if (e.getName().equals(name) && e.getNamespaceURI().equals(namespace)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The trimmed text of a child element, if present and not blank. */
    public static Optional<String> childText(Element parent, String name) {
        if (parent == null) {
            return Optional.empty();
        }
        Element c = parent.element(name);
        if (c == null) {
            return Optional.empty();
        }
        String t = c.getTextTrim();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    /** Escapes text for use inside a double-quoted XML attribute value. */
    public static String escapeAttribute(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? value : sb.toString();
    }
}
