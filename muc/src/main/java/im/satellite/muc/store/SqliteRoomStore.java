package im.satellite.muc.store;

import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.RoomListing;
import im.satellite.persistence.Jdbc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RoomStore} over the shared database: SQLite by default, or PostgreSQL (the same SQL runs on both; upserts
 * are {@code INSERT ... ON CONFLICT ... DO UPDATE}). Writes are small transactions run on the room's lane, so two
 * writes to one room never race; a committed write survives a crash of the process.
 */
public final class SqliteRoomStore implements RoomStore {
    private final Jdbc jdbc;
    private final Clock clock;

    public SqliteRoomStore(Jdbc jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Optional<StoredRoom> load(String roomJid) {
        if (jdbc.queryOne("SELECT jid FROM muc_room WHERE jid = ?", r -> r.getString(1), roomJid).isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> options = new LinkedHashMap<>();
        jdbc.query("SELECT key, value FROM muc_room_option WHERE room = ?",
                r -> options.put(r.getString(1), r.getString(2)) == null, roomJid);
        Map<String, Affiliation> affs = new LinkedHashMap<>();
        Map<String, String> nicks = new LinkedHashMap<>();
        jdbc.query("SELECT jid, affiliation, nick FROM muc_affiliation WHERE room = ? ORDER BY jid", r -> {
            String jid = r.getString(1);
            Affiliation.parse(r.getString(2)).ifPresent(a -> affs.put(jid, a));
            String nick = r.getString(3);
            if (nick != null) {
                nicks.put(jid, nick);
            }
            return Boolean.TRUE;
        }, roomJid);
        return Optional.of(new StoredRoom(options, affs, nicks));
    }

    @Override
    public void saveRoom(String roomJid, Map<String, String> options, Map<String, Affiliation> affiliations,
                         Map<String, String> nicks, RoomListing listing) {
        jdbc.inTransaction(tx -> {
            writeOptions(tx, roomJid, options, listing);
            tx.update("DELETE FROM muc_affiliation WHERE room = ?", roomJid);
            List<Object[]> rows = new ArrayList<>();
            affiliations.forEach((jid, a) -> rows.add(new Object[] {roomJid, jid, a.xml(), nicks.get(jid)}));
            tx.batch("INSERT INTO muc_affiliation (room, jid, affiliation, nick) VALUES (?, ?, ?, ?)", rows);
            return null;
        });
    }

    @Override
    public void saveOptions(String roomJid, Map<String, String> options, RoomListing listing) {
        jdbc.inTransaction(tx -> {
            writeOptions(tx, roomJid, options, listing);
            return null;
        });
    }

    private void writeOptions(Jdbc tx, String roomJid, Map<String, String> options, RoomListing listing) {
        tx.update("INSERT INTO muc_room (jid, name, listed, updated_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (jid) DO UPDATE SET name = excluded.name, listed = excluded.listed, "
                        + "updated_at = excluded.updated_at",
                roomJid, listing.name(), listing.listed() ? 1 : 0, clock.millis());
        tx.update("DELETE FROM muc_room_option WHERE room = ?", roomJid);
        List<Object[]> rows = new ArrayList<>();
        options.forEach((k, v) -> rows.add(new Object[] {roomJid, k, v}));
        tx.batch("INSERT INTO muc_room_option (room, key, value) VALUES (?, ?, ?)", rows);
    }

    @Override
    public void saveAffiliation(String roomJid, String userJid, Affiliation affiliation, String nick) {
        if (affiliation == Affiliation.NONE) {
            jdbc.update("DELETE FROM muc_affiliation WHERE room = ? AND jid = ?", roomJid, userJid);
        } else {
            jdbc.update("INSERT INTO muc_affiliation (room, jid, affiliation, nick) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (room, jid) DO UPDATE SET affiliation = excluded.affiliation, "
                            + "nick = excluded.nick", roomJid, userJid, affiliation.xml(), nick);
        }
    }

    @Override
    public void delete(String roomJid) {
        jdbc.update("DELETE FROM muc_room WHERE jid = ?", roomJid);
    }

    @Override
    public List<RoomListing> listed() {
        return jdbc.query("SELECT jid, name FROM muc_room WHERE listed = 1 ORDER BY jid",
                r -> new RoomListing(r.getString(1), r.getString(2), true));
    }

    @Override
    public String serviceSecret() {
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        // The first writer wins. Two MUC services on one database share it; their room JIDs differ, so do the ids.
        jdbc.update("INSERT INTO muc_service (key, value) VALUES ('occupant_id_secret', ?) ON CONFLICT (key) DO NOTHING",
                java.util.Base64.getEncoder().encodeToString(fresh));
        return jdbc.queryOne("SELECT value FROM muc_service WHERE key = 'occupant_id_secret'", r -> r.getString(1))
                .orElseThrow();
    }

    @Override
    public List<RoomListing> all() {
        return jdbc.query("SELECT jid, name, listed FROM muc_room ORDER BY jid",
                r -> new RoomListing(r.getString(1), r.getString(2), r.getInt(3) == 1));
    }
}
