package im.satellite.muc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.muc.store.ArchiveStore.Filter;
import im.satellite.muc.store.ArchiveStore.Row;
import im.satellite.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link SqlArchiveStore} (XEP-0313 room archives) and the {@link ArchiveWriter} must do on every supported
 * database: {@code SqliteArchiveStoreTest} runs it on SQLite, {@code ArchiveStorePostgresIT} on PostgreSQL.
 */
abstract class ArchiveStoreContract {
    /** Beyond 2^31 ms: a 32-bit timestamp column would overflow. */
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private static final String ROOM = "lounge@muc.example.org";
    private static final String OTHER = "attic@muc.example.org";

    private Database db;
    private ArchiveStore store;

    abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
        db.migrate("muc", "classpath:db/muc");
        store = new SqlArchiveStore(db.jdbc());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Row row(String room, int i, String nick) {
        return new Row(room, "id" + i, T0.plusSeconds(i), nick, nick.toLowerCase() + "@example.org", i % 5 != 4,
                "<message type=\"groupchat\"><body>m" + i + "</body></message>");
    }

    private void fill() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(row(ROOM, i, i % 2 == 0 ? "Romeo" : "Juliet"));
            rows.add(row(OTHER, i, "Nurse"));
        }
        store.append(rows);
    }

    private static Filter all(String room) {
        return new Filter(room, null, null, null, null, null, null, null);
    }

    private static List<String> ids(List<ArchiveStore.Stored> page) {
        return page.stream().map(s -> s.row().id()).toList();
    }

    @Test
    void pagesForwardAndBackwardInBroadcastOrder() {
        fill();
        assertEquals(10, store.count(all(ROOM)), "only the room's own rows count");
        List<ArchiveStore.Stored> first = store.page(all(ROOM), 3, false);
        assertEquals(List.of("id0", "id1", "id2"), ids(first));
        assertEquals(List.of("id3", "id4", "id5"),
                ids(store.page(all(ROOM).bounded(first.get(2).seq(), null), 3, false)), "after the last of a page");
        assertEquals(List.of("id7", "id8", "id9"), ids(store.page(all(ROOM), 3, true)), "the last page, oldest first");
        long seq5 = store.seq(ROOM, "id5").orElseThrow();
        assertEquals(List.of("id3", "id4"), ids(store.page(all(ROOM).bounded(null, seq5), 2, true)), "before id5");
        assertTrue(store.seq(ROOM, "nope").isEmpty());
        assertTrue(store.seq(OTHER, "id5").orElseThrow() != seq5, "ids are per room");
    }

    @Test
    void filtersByTimeNickSenderAndIds() {
        fill();
        Filter f = new Filter(ROOM, T0.plusSeconds(2), T0.plusSeconds(6), "Romeo", null, null, null, null);
        assertEquals(List.of("id2", "id4", "id6"), ids(store.page(f, 10, false)), "start and end are inclusive");
        Filter bySender = new Filter(ROOM, null, null, null, "juliet@example.org", null, null, null);
        assertEquals(5, store.count(bySender));
        Filter byIds = new Filter(ROOM, null, null, null, null, null, null, List.of("id8", "id1", "missing"));
        assertEquals(List.of("id1", "id8"), ids(store.page(byIds, 10, false)));
    }

    @Test
    void positionsKeepGrowingAfterEverythingIsPurgedAndAfterAFailedAppend() {
        fill();
        long last = store.seq(ROOM, "id9").orElseThrow();
        assertEquals(20, store.purge(T0.plusSeconds(100)), "every row is older");
        store.append(List.of(row(ROOM, 10, "Romeo")));
        long after = store.seq(ROOM, "id10").orElseThrow();
        assertTrue(after > last, "a purged position is not handed out again: " + after + " after " + last);
        assertThrows(RuntimeException.class, () -> store.append(List.of(row(ROOM, 11, "Romeo"), row(ROOM, 10,
                "Romeo"))), "id10 is already archived in this room");
        assertTrue(store.seq(ROOM, "id11").isEmpty(), "the failed batch left nothing behind");
        assertEquals(1, store.purge(T0.plusSeconds(100)), "id10 goes too: the table is empty again");
        store.append(List.of(row(ROOM, 11, "Romeo")));
        assertTrue(store.seq(ROOM, "id11").orElseThrow() > after, "after a failure and a purge, still a new position");
        assertEquals(List.of("id11"), ids(store.page(all(ROOM), 10, false)));
    }

    @Test
    void historyRetractionDeletionAndPurge() {
        fill();
        List<Row> recent = store.recent(ROOM, T0.plusSeconds(3), 4);
        assertEquals(List.of("id8", "id7", "id6", "id5"), recent.stream().map(Row::id).toList(),
                "newest first, only rows with a body (id4 and id9 have none)");
        assertTrue(store.retract(ROOM, "id8", "<message><retracted/></message>"));
        assertFalse(store.retract(ROOM, "nope", "<x/>"));
        assertEquals("id7", store.recent(ROOM, T0, 1).get(0).id(), "a tombstone is no longer history");
        Filter one = new Filter(ROOM, null, null, null, null, null, null, List.of("id8"));
        assertEquals("<message><retracted/></message>", store.page(one, 1, false).get(0).row().stanza());
        assertEquals(4, store.purge(T0.plusSeconds(2)), "two rows of each room are older");
        store.deleteRoom(OTHER);
        assertEquals(0, store.count(all(OTHER)));
        assertEquals(8, store.count(all(ROOM)));
    }

    @Test
    void theArchivesOfRoomsThatAreNotStoredAreDeletedForTheServiceOnly() {
        fill();
        String elsewhere = "den@muc.example.net";
        store.append(List.of(row(elsewhere, 0, "Tybalt")));
        new SqliteRoomStore(db.jdbc(), Clock.systemUTC()).saveRoom(ROOM, java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(), new im.satellite.muc.room.RoomListing(ROOM, null, false));
        assertEquals(10, store.deleteUnstored("muc.example.org"), "the temporary room's rows go");
        assertEquals(0, store.count(all(OTHER)));
        assertEquals(10, store.count(all(ROOM)), "a stored room keeps its archive");
        assertEquals(1, store.count(all(elsewhere)), "another service's rooms are not this service's to judge");
    }

    @Test
    void theWriterCommitsInOrderAndReportsEachRow() throws Exception {
        Clock clock = Clock.fixed(T0.plus(Duration.ofDays(100)), ZoneOffset.UTC);
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        try (ArchiveWriter w = new ArchiveWriter(store, clock)) {
            for (int i = 0; i < 50; i++) {
                CompletableFuture<Boolean> f = new CompletableFuture<>();
                done.add(f);
                w.append(row(ROOM, i, "Romeo"), f::complete);
            }
        }
        for (CompletableFuture<Boolean> f : done) {
            assertTrue(f.getNow(false), "close() writes everything queued and reports it committed");
        }
        List<ArchiveStore.Stored> page = store.page(all(ROOM), 100, false);
        assertEquals(50, page.size());
        for (int i = 0; i < 50; i++) {
            assertEquals("id" + i, page.get(i).row().id(), "rows keep the order they were handed over in");
        }
        try (ArchiveWriter w = new ArchiveWriter(store, clock)) {
            w.purge(Duration.ofDays(90));
        }
        assertEquals(0, store.count(all(ROOM)), "the purge deletes rows beyond the retention");
    }

    /**
     * A database that stalls (locked by another process, a slow disk): past the high-water mark of waiting rows the
     * writer asks the link to stop reading from the server, so the backlog in memory stays bounded, and once the
     * database moves again every row is committed, in order, and reading resumes.
     */
    @Test
    void whileTheDatabaseStallsTheWriterAsksTheLinkToPauseAndLosesNothing() throws Exception {
        im.satellite.muc.HeldCommits stall = new im.satellite.muc.HeldCommits();
        ArchiveStore stalled = stall.wrap(store);
        List<Boolean> pressure = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        stall.close();
        try (ArchiveWriter w = new ArchiveWriter(stalled, Clock.systemUTC(), 10, pressure::add)) {
            for (int i = 0; i < 11; i++) {
                if (i == 10) {
                    assertEquals(List.of(), pressure, "ten waiting rows are within the mark");
                }
                CompletableFuture<Boolean> f = new CompletableFuture<>();
                done.add(f);
                w.append(row(ROOM, i, "Romeo"), f::complete);
            }
            assertEquals(List.of(true), pressure, "the eleventh asks the link to stop reading");
            assertTrue(w.pressured());
            stall.open();
            for (CompletableFuture<Boolean> f : done) {
                assertTrue(f.get(10, java.util.concurrent.TimeUnit.SECONDS), "every row is committed");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (w.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of(true, false), pressure, "and reading resumes");
        }
        List<ArchiveStore.Stored> page = store.page(all(ROOM), 100, false);
        assertEquals(11, page.size());
        for (int i = 0; i < 11; i++) {
            assertEquals("id" + i, page.get(i).row().id(), "in the order they were handed over");
        }
    }
}
