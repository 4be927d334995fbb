package im.satellite.muc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.RoomListing;
import im.satellite.muc.store.RoomStore.StoredRoom;
import im.satellite.persistence.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link SqliteRoomStore} must do on every supported database, run over the service's own {@code db/muc}
 * migrations: {@code SqliteRoomStoreTest} runs it on SQLite, {@code MucStorePostgresIT} on PostgreSQL.
 */
abstract class RoomStoreContract {

    /** Beyond 2^31 ms: a 32-bit timestamp column would overflow. */
    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    private static final String ROOM = "lounge@muc.example.org";

    private Database db;
    private RoomStore store;

    /** A new, empty database. */
    abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
        db.migrate("muc", "classpath:db/muc");
        store = new SqliteRoomStore(db.jdbc(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSavedRoomLoadsWithItsConfigAffiliationsNicksAndSubject() {
        Map<String, String> options = options("Lounge", "Tea & biscuits");
        Map<String, Affiliation> affiliations = new LinkedHashMap<>();
        affiliations.put("alice@example.org", Affiliation.OWNER);
        affiliations.put("bob@example.org", Affiliation.MEMBER);
        affiliations.put("mallory@example.org", Affiliation.OUTCAST);

        store.saveRoom(ROOM, options, affiliations, Map.of("bob@example.org", "bobby"),
                new RoomListing(ROOM, "Lounge", true));

        StoredRoom room = store.load(ROOM).orElseThrow();
        assertEquals(options, room.options());
        assertEquals(affiliations, room.affiliations());
        assertEquals(Map.of("bob@example.org", "bobby"), room.nicks());
        assertEquals(NOW.toEpochMilli(), db.jdbc().queryOne("SELECT updated_at FROM muc_room WHERE jid = ?",
                r -> r.getLong(1), ROOM).orElseThrow());
        assertEquals(Optional.empty(), store.load("nowhere@muc.example.org"));
    }

    @Test
    void savingAgainReplacesTheRoom() {
        store.saveRoom(ROOM, options("Lounge", "old"), Map.of("alice@example.org", Affiliation.OWNER,
                "bob@example.org", Affiliation.ADMIN), Map.of(), new RoomListing(ROOM, "Lounge", true));

        store.saveRoom(ROOM, Map.of("muc#roomconfig_roomname", "Parlour"),
                Map.of("alice@example.org", Affiliation.OWNER), Map.of("alice@example.org", "al"),
                new RoomListing(ROOM, "Parlour", false));

        StoredRoom room = store.load(ROOM).orElseThrow();
        assertEquals(Map.of("muc#roomconfig_roomname", "Parlour"), room.options());
        assertEquals(Map.of("alice@example.org", Affiliation.OWNER), room.affiliations());
        assertEquals(Map.of("alice@example.org", "al"), room.nicks());
        assertEquals(List.of(), store.listed());
    }

    @Test
    void optionsAndSingleAffiliationsAreUpdatedInPlace() {
        store.saveRoom(ROOM, options("Lounge", "old"), Map.of("alice@example.org", Affiliation.OWNER), Map.of(),
                new RoomListing(ROOM, "Lounge", false));

        store.saveOptions(ROOM, options("Lounge", "new subject"), new RoomListing(ROOM, "Lounge", true));
        store.saveAffiliation(ROOM, "bob@example.org", Affiliation.MEMBER, "bobby");
        store.saveAffiliation(ROOM, "bob@example.org", Affiliation.ADMIN, null);
        store.saveAffiliation(ROOM, "carol@example.org", Affiliation.MEMBER, null);
        store.saveAffiliation(ROOM, "carol@example.org", Affiliation.NONE, null);

        StoredRoom room = store.load(ROOM).orElseThrow();
        assertEquals("new subject", room.options().get("subject"));
        assertEquals(Map.of("alice@example.org", Affiliation.OWNER, "bob@example.org", Affiliation.ADMIN),
                room.affiliations());
        assertEquals(Map.of(), room.nicks());
        assertEquals(List.of(new RoomListing(ROOM, "Lounge", true)), store.listed());
    }

    @Test
    void listedRoomsAreThePublicOnesInJidOrder() {
        for (String name : List.of("zeta", "alpha", "hidden", "mid")) {
            String jid = name + "@muc.example.org";
            store.saveRoom(jid, options(name, ""), Map.of(), Map.of(),
                    new RoomListing(jid, name.equals("mid") ? null : name, !name.equals("hidden")));
        }
        assertEquals(List.of(new RoomListing("alpha@muc.example.org", "alpha", true),
                new RoomListing("mid@muc.example.org", null, true),
                new RoomListing("zeta@muc.example.org", "zeta", true)), store.listed());
        assertEquals(List.of("alpha@muc.example.org", "hidden@muc.example.org", "mid@muc.example.org",
                "zeta@muc.example.org"), store.all().stream().map(RoomListing::jid).toList(),
                "the admins' list has hidden rooms too");
    }

    @Test
    void deletingARoomDeletesItsOptionsAndAffiliations() {
        store.saveRoom(ROOM, options("Lounge", "s"), Map.of("alice@example.org", Affiliation.OWNER),
                Map.of("alice@example.org", "al"), new RoomListing(ROOM, "Lounge", true));

        store.delete(ROOM);

        assertEquals(Optional.empty(), store.load(ROOM));
        assertEquals(List.of(), store.listed());
        assertTrue(db.jdbc().query("SELECT room FROM muc_room_option UNION ALL SELECT room FROM muc_affiliation",
                r -> r.getString(1)).isEmpty());
    }

    @Test
    void upgradingFromTheFirstSchemaKeepsRoomsAndWidensTheTimestamp() {
        Database old = openDatabase();
        try {
            // The schema as V001 left it, with a room saved then.
            Flyway.configure().dataSource(old.dataSource()).locations("classpath:db/muc").table("schema_history_muc")
                    .target("1").load().migrate();
            old.jdbc().update("INSERT INTO muc_room (jid, name, listed, updated_at) VALUES (?, ?, ?, ?)",
                    ROOM, "Lounge", 1, 1_000);
            old.jdbc().update("INSERT INTO muc_room_option (room, key, value) VALUES (?, ?, ?)", ROOM, "subject", "hi");

            old.migrate("muc", "classpath:db/muc");

            assertEquals(1_000L, old.jdbc().queryOne("SELECT updated_at FROM muc_room WHERE jid = ?",
                    r -> r.getLong(1), ROOM).orElseThrow());
            RoomStore upgraded = new SqliteRoomStore(old.jdbc(), Clock.fixed(NOW, ZoneOffset.UTC));
            assertEquals(Map.of("subject", "hi"), upgraded.load(ROOM).orElseThrow().options());
            upgraded.saveOptions(ROOM, Map.of("subject", "hello"), new RoomListing(ROOM, "Lounge", true));
            assertEquals(NOW.toEpochMilli(), old.jdbc().queryOne("SELECT updated_at FROM muc_room WHERE jid = ?",
                    r -> r.getLong(1), ROOM).orElseThrow());
        } finally {
            old.close();
        }
    }

    private static Map<String, String> options(String name, String subject) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("muc#roomconfig_roomname", name);
        options.put("muc#roomconfig_persistentroom", "1");
        options.put("muc#roomconfig_roomdesc", "A room with a view: ünïcödé ☕");
        options.put("subject", subject);
        options.put("subject_by", "lounge@muc.example.org/alice");
        return options;
    }

    @Test
    void theServiceSecretIsCreatedOnceAndKept() {
        String secret = store.serviceSecret();
        assertEquals(44, secret.length(), "32 random bytes, base64");
        assertEquals(secret, store.serviceSecret(), "the stored secret is read back, not replaced");
        RoomStore again = new SqliteRoomStore(db.jdbc(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(secret, again.serviceSecret(), "a new store on the same database (a restart) gets the same one");
    }
}
