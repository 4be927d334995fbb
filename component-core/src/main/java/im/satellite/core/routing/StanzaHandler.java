package im.satellite.core.routing;

import org.xmpp.packet.Packet;

/**
 * Handles one kind of stanza on the lane of its addressee. Replies go through {@link StanzaContext#send}; errors are
 * signalled by throwing {@link im.satellite.core.error.StanzaException} (STYLE 7.3 rule 5).
 */
@FunctionalInterface
public interface StanzaHandler<P extends Packet> {
    void handle(P in, StanzaContext ctx);
}
