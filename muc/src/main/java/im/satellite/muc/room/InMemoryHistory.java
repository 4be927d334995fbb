package im.satellite.muc.room;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.xmpp.packet.Message;

/** The last {@code capacity} messages of a room, kept in memory (XEP-0045 §7.2.15). Lane-confined. */
public final class InMemoryHistory implements RoomHistory {
    private final org.xmpp.packet.JID room;
    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    public InMemoryHistory(org.xmpp.packet.JID room, int capacity) {
        this.room = room;
        this.capacity = capacity;
    }

    @Override
    public void add(Message broadcast, Instant at) {
        if (capacity <= 0) {
            return;
        }
        Message copy = broadcast.createCopy();
        copy.setTo((org.xmpp.packet.JID) null);
        entries.addLast(new Entry(copy, at, copy.toXML().length()));
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    @Override
    public List<Entry> select(Request r, Instant now) {
        List<Entry> out = new ArrayList<>();
        int chars = 0;
        Instant notBefore = r.since();
        if (r.seconds() != null) {
            Instant s = now.minusSeconds(r.seconds());
            notBefore = notBefore == null || s.isAfter(notBefore) ? s : notBefore;
        }
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (r.maxstanzas() != null && out.size() >= r.maxstanzas()) {
                break;
            }
            if (notBefore != null && e.at().isBefore(notBefore)) {
                break;
            }
            if (r.maxchars() != null && chars + e.chars() > r.maxchars()) {
                break;
            }
            chars += e.chars();
            out.add(e);
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public boolean retract(String stanzaId, org.dom4j.Element tombstone) {
        return entries.removeIf(e -> im.satellite.muc.element.StanzaId.of(e.message(), room)
                .filter(stanzaId::equals).isPresent());
    }

    @Override
    public void clear() {
        entries.clear();
    }
}
