package im.satellite.core.stream;

import im.satellite.core.xml.Namespaces;
import org.dom4j.Element;

/** Reads RFC 6120 §4.9 stream errors received from the server. */
final class StreamErrors {
    private StreamErrors() {
    }

    static boolean isStreamError(Element e) {
        return "error".equals(e.getName()) && Namespaces.STREAMS.equals(e.getNamespaceURI());
    }

    static String condition(Element e) {
        for (Element c : e.elements()) {
            if (Namespaces.STREAM_ERRORS.equals(c.getNamespaceURI()) && !"text".equals(c.getName())) {
                return c.getName();
            }
        }
        return "undefined-condition";
    }

    static String text(Element e) {
        for (Element c : e.elements()) {
            if ("text".equals(c.getName())) {
                return c.getTextTrim();
            }
        }
        return "";
    }
}
