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

    /** One complete first-level element: a stanza, a handshake or a stream error; {@code bytes} on the wire. */
    record StanzaElement(Element element, int bytes) implements StreamEvent {
        public StanzaElement {
            Objects.requireNonNull(element, "element");
        }

        public StanzaElement(Element element) {
            this(element, 0);
        }
    }

    /**
     * A first-level element that was parsed to its end but not kept, because it was too large or too deeply
     * nested. {@code stub} is its start tag alone (name and attributes), so the sender can be told.
     */
    record RejectedStanza(Element stub, String reason) implements StreamEvent {
        public RejectedStanza {
            Objects.requireNonNull(stub, "stub");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The closing {@code </stream:stream>} tag. */
    record StreamClose() implements StreamEvent {
    }
}
