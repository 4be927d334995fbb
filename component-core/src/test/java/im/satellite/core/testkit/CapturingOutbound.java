package im.satellite.core.testkit;

import im.satellite.core.Outbound;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/** An {@link Outbound} that records what a service sends; a broadcast is recorded as one copy per recipient. */
public final class CapturingOutbound implements Outbound {
    private final List<Packet> sent = new ArrayList<>();

    @Override
    public synchronized void send(Packet stanza) {
        sent.add(stanza.createCopy());
    }

    @Override
    public synchronized void broadcast(Packet template, Collection<JID> recipients) {
        for (JID to : recipients) {
            Packet copy = template.createCopy();
            copy.setTo(to);
            sent.add(copy);
        }
    }

    /** Everything sent so far, and forgets it. */
    public synchronized List<Packet> drain() {
        List<Packet> out = new ArrayList<>(sent);
        sent.clear();
        return out;
    }
}
