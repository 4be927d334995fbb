package im.satellite.core.stream;

import org.dom4j.Element;

/**
 * Where the component link delivers what it reads after the handshake. Called on the event loop: implementations
 * hand the work to a lane and return at once.
 */
public interface StanzaSink {

    /** A complete first-level stanza of {@code bytes} bytes on the wire. */
    void stanza(Element element, int bytes);

    /** A stanza that was too large or too deep to keep: {@code stub} is its start tag, to answer its sender. */
    void rejected(Element stub, String reason);
}
