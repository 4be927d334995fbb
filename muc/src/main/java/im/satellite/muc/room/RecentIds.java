package im.satellite.muc.room;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xmpp.packet.JID;

/**
 * The ids of the last stanzas of one kind a room sent, per recipient session, bounded (oldest forgotten first). The
 * room remembers the private messages it forwarded so that an error answering one (the recipient refused it) is not
 * taken for a gone session's bounce (status 333). Touched only on the room's lane.
 */
public final class RecentIds {
    private final Map<String, Boolean> ids;

    public RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public void add(JID session, String id) {
        if (id != null) {
            ids.put(session + " " + id, Boolean.TRUE);
        }
    }

    public boolean contains(JID session, String id) {
        return id != null && ids.containsKey(session + " " + id);
    }
}
