package im.satellite.core;

import java.util.Collection;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Where a service's stanzas go: the component link to the host server. Safe to call from any thread; stanzas sent
 * from one thread leave in the order they were sent. While the link is down, stanzas are dropped (and counted),
 * as the server would bounce them anyway.
 */
public interface Outbound {

    /** Sends one stanza. */
    void send(Packet stanza);

    /**
     * Sends the same stanza to many recipients, serialised once: only the {@code to} attribute differs between the
     * copies written to the wire (STYLE 7.3). {@code template}'s own {@code to} is ignored.
     */
    void broadcast(Packet template, Collection<JID> recipients);
}
