package im.satellite.core.stream;

import io.netty.channel.Channel;

/** What the component link's pipeline reports to its {@link ComponentConnector}. */
interface LinkListener {
    /** The server accepted the XEP-0114 handshake; stanzas may flow. */
    void online(Channel channel);

    /** The server refused the handshake or closed the stream with an error (RFC 6120 §4.9.3 condition). */
    void streamError(String condition, String text, boolean duringHandshake);

    /** A first-level element arrived after the handshake. Called on the event loop: hand off, never block. */
    void stanza(org.dom4j.Element element, int bytes);

    /** A first-level element was rejected by the decoder's limits; {@code stub} is its start tag. */
    void rejected(org.dom4j.Element stub, String reason);

    /** The channel's writability changed: the connector stops reading while the server cannot take our output. */
    void writabilityChanged(Channel channel);
}
