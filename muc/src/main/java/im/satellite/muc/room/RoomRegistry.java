package im.satellite.muc.room;

import im.satellite.muc.store.RoomStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * The rooms in memory, keyed by lower-cased bare JID. Persistent rooms are loaded lazily from the store on first use
 * (so start-up does not grow with the number of rooms). The map is shared across lanes; each {@link Room} is only
 * touched on its own lane, and {@link #find}/{@link #create} are called on that lane.
 */
public final class RoomRegistry {
    private static final Logger log = LoggerFactory.getLogger(RoomRegistry.class);

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final RoomStore store;
    private final Map<String, String> defaults;
    private volatile RoomServices services;

    public RoomRegistry(RoomStore store, Map<String, String> defaults) {
        this.store = store;
        this.defaults = Map.copyOf(defaults);
    }

    /** Wired once by the service (the services refer back to this registry). */
    public void services(RoomServices s) {
        this.services = s;
    }

    /** The room in memory, or loaded from the store; empty when it does not exist. Call on the room's lane. */
    public Optional<Room> find(JID roomJid) {
        String key = Room.key(roomJid);
        Room r = rooms.get(key);
        if (r != null) {
            return Optional.of(r);
        }
        Optional<RoomStore.StoredRoom> stored = store.load(key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        RoomStore.StoredRoom s = stored.get();
        r = new Room(new JID(key), services, new RoomState(s.options()), s);
        rooms.put(key, r);
        log.debug("Loaded room {}", key);
        return Optional.of(r);
    }

    /** The room if it is in memory (never loads it); empty for a service-addressed stanza. */
    public Optional<Room> loaded(JID roomJid) {
        return roomJid == null || roomJid.getNode() == null ? Optional.empty()
                : Optional.ofNullable(rooms.get(Room.key(roomJid)));
    }

    /** A new room with the service's default configuration, locked (XEP-0045 §10.1.1). Call on the room's lane. */
    public Room create(JID roomJid) {
        String key = Room.key(roomJid);
        Room r = new Room(new JID(key), services, new RoomState(defaults), null);
        r.locked(true);
        rooms.put(key, r);
        log.debug("Created room {}", key);
        return r;
    }

    /** Forgets a room (destroyed, or a temporary room that emptied). */
    public void remove(Room r) {
        rooms.remove(r.jid().toBareJID(), r);
    }

    /**
     * Unloads a room that is {@link Room#unloadable()}; the next stanza to it loads it again from the store. Call on
     * the room's lane. True when it was unloaded.
     */
    public boolean unload(Room r) {
        if (!r.unloadable() || !rooms.remove(Room.key(r.jid()), r)) {
            return false;
        }
        log.debug("Unloaded idle room {}", r.jid());
        return true;
    }

    /**
     * The rooms to unload now (XEP-0045 rooms are loaded lazily, so an idle one can go): those empty for at least
     * {@code idle}, and beyond {@code maxIdle} empty rooms the ones empty longest. Safe on any thread: reads only
     * each room's volatile {@link Room#emptySince()}; the caller re-checks on each room's lane.
     */
    public List<Room> idle(java.time.Instant now, java.time.Duration idle, int maxIdle) {
        // One reading of each room's emptySince: a join on the room's lane may clear it at any moment.
        record Empty(Room room, java.time.Instant since) { }
        List<Empty> empty = new ArrayList<>();
        for (Room r : rooms.values()) {
            java.time.Instant since = r.emptySince();
            if (since != null) {
                empty.add(new Empty(r, since));
            }
        }
        empty.sort(java.util.Comparator.comparing(Empty::since));
        List<Room> out = new ArrayList<>();
        for (int i = 0; i < empty.size(); i++) {
            Empty e = empty.get(i);
            boolean overCap = empty.size() - i > maxIdle;
            if (overCap || !e.since().plus(idle).isAfter(now)) {
                out.add(e.room());
            }
        }
        return out;
    }

    /** The rooms in memory. */
    public Collection<Room> loaded() {
        return List.copyOf(rooms.values());
    }

    /**
     * The listed rooms, in memory or stored, ordered by JID (XEP-0045 §6.3); safe on any lane: only immutable
     * listings are read.
     */
    public List<RoomListing> listed() {
        TreeMap<String, RoomListing> all = new TreeMap<>();
        for (RoomListing l : store.listed()) {
            all.put(l.jid(), l);
        }
        for (Room r : rooms.values()) {
            RoomListing l = r.listing();
            if (l.listed()) {
                all.put(l.jid(), l);
            } else {
                all.remove(l.jid());
            }
        }
        return new ArrayList<>(all.values());
    }
}
