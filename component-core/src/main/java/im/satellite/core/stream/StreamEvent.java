package im.satellite.core.stream;

import java.util.Map;
import java.util.Objects;
import org.dom4j.Element;

/** What {@link XmppStreamDecoder} produces from the bytes of an XML stream (RFC 6120 §4). */
public sealed interface StreamEvent {

    /** The server's stream header; {@code id} is the stream id the XEP-0114 handshake hashes. */
    record StreamOpen(Map<String, String> attributes) implements StreamEvent {
        public StreamOpen {
            attributes = Map.copyOf(attributes);
        }

        public String id() {
            return attributes.get("id");
        }
    }

    /** One complete first-level element: a stanza, a handshake or a stream error. */
    record StanzaElement(Element element) implements StreamEvent {
        public StanzaElement {
            Objects.requireNonNull(element, "element");
        }
    }

    /** The closing {@code </stream:stream>} tag. */
    record StreamClose() implements StreamEvent {
    }
}
