package im.satellite.muc.store;

import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.RoomListing;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where persistent rooms live (XEP-0045 §10.1.3 "persistent room"): options as key/value rows, affiliations with
 * reserved nicks. Called on room lanes (writes, loads) and the host lane (listing); implementations are thread-safe.
 */
public interface RoomStore {

    /** A stored room. */
    record StoredRoom(Map<String, String> options, Map<String, Affiliation> affiliations, Map<String, String> nicks) {
    }

    Optional<StoredRoom> load(String roomJid);

    /** Writes the whole room (room row, options, affiliations) in one transaction. */
    void saveRoom(String roomJid, Map<String, String> options, Map<String, Affiliation> affiliations,
                  Map<String, String> nicks, RoomListing listing);

    /** Rewrites the room's options and listing. */
    void saveOptions(String roomJid, Map<String, String> options, RoomListing listing);

    /** Upserts (or, for NONE, deletes) one affiliation. */
    void saveAffiliation(String roomJid, String userJid, Affiliation affiliation, String nick);

    void delete(String roomJid);

    /** Listed (public) persistent rooms, ordered by JID. */
    List<RoomListing> listed();

    /**
     * The service's secret (XEP-0421 occupant ids): generated once, on first use, and stored; the same value from
     * then on, across restarts.
     */
    String serviceSecret();

    /** Every persistent room, listed or not, ordered by JID (the admins' room list). */
    List<RoomListing> all();
}
