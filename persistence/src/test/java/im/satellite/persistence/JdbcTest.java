package im.satellite.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcTest {

    private record Person(long id, String name, Integer age, Long score, Boolean active, byte[] secret,
            Instant createdAt) {
    }

    private static final RowMapper<Person> PERSON = row -> new Person(
            row.getLong("id"),
            row.getString("name"),
            (Integer) row.getObject("age"),
            row.getObject("score") == null ? null : row.getLong("score"),
            row.getObject("active") == null ? null : row.getBoolean("active"),
            row.getBytes("secret"),
            row.getObject("created_at") == null ? null : Instant.ofEpochMilli(row.getLong("created_at")));

    private static final String INSERT_PERSON =
            "INSERT INTO person (name, age, score, active, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)";

    @TempDir
    Path dir;

    private Database db;
    private Jdbc jdbc;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.sqlite(dir.resolve("j.db")));
        db.migrate("testa", "classpath:db/testa");
        jdbc = db.jdbc();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void bindsEveryParameterTypeAndMapsRows() {
        Instant created = Instant.parse("2024-05-01T12:34:56.789Z");
        byte[] secret = {0, 1, 2, (byte) 0xff};
        jdbc.update(INSERT_PERSON, "Ada", 36, 5_000_000_000L, true, secret, created);
        jdbc.update(INSERT_PERSON, "Bob", null, null, null, null, null);

        List<Person> people = jdbc.query("SELECT * FROM person ORDER BY name", PERSON);

        assertEquals(2, people.size());
        Person ada = people.get(0);
        assertEquals("Ada", ada.name());
        assertEquals(36, ada.age());
        assertEquals(5_000_000_000L, ada.score());
        assertTrue(ada.active());
        assertArrayEquals(secret, ada.secret());
        assertEquals(created, ada.createdAt());
        assertEquals(created.toEpochMilli(),
                jdbc.queryOne("SELECT created_at FROM person WHERE name = ?", row -> row.getLong(1), "Ada").get());
        Person bob = people.get(1);
        assertNull(bob.age());
        assertNull(bob.score());
        assertNull(bob.active());
        assertNull(bob.secret());
        assertNull(bob.createdAt());
    }

    @Test
    void rejectsParameterTypesItDoesNotBind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> jdbc.update("UPDATE person SET age = ?", 1.5d));
        assertTrue(e.getMessage().contains("java.lang.Double"), e.getMessage());
    }

    @Test
    void queryOneReturnsEmptyOneRowOrFails() {
        assertEquals(Optional.empty(), jdbc.queryOne("SELECT * FROM person WHERE name = ?", PERSON, "Nobody"));
        jdbc.update(INSERT_PERSON, "Ada", 36, null, true, null, null);
        jdbc.update(INSERT_PERSON, "Bob", 36, null, true, null, null);
        assertEquals("Ada", jdbc.queryOne("SELECT * FROM person WHERE name = ?", PERSON, "Ada").get().name());
        assertThrows(IllegalStateException.class,
                () -> jdbc.queryOne("SELECT * FROM person WHERE age = ?", PERSON, 36));
    }

    @Test
    void updateReturnsTheNumberOfRowsChanged() {
        jdbc.update(INSERT_PERSON, "Ada", 36, null, true, null, null);
        jdbc.update(INSERT_PERSON, "Bob", 40, null, true, null, null);
        assertEquals(2, jdbc.update("UPDATE person SET active = ?", false));
        assertEquals(0, jdbc.update("DELETE FROM person WHERE age > ?", 99));
    }

    @Test
    void insertReturningKeyReturnsTheGeneratedId() {
        long ada = jdbc.insertReturningKey("INSERT INTO person (name) VALUES (?)", "id", "Ada");
        long bob = jdbc.insertReturningKey("INSERT INTO person (name) VALUES (?)", "id", "Bob");
        assertTrue(bob > ada);
        assertEquals("Bob", jdbc.queryOne("SELECT name FROM person WHERE id = ?", row -> row.getString(1), bob)
                .orElseThrow());
    }

    @Test
    void batchAppliesEveryRow() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new Object[] {"person-" + i, i});
        }
        int[] counts = jdbc.batch("INSERT INTO person (name, age) VALUES (?, ?)", rows);
        assertEquals(100, counts.length);
        assertEquals(100, count("person"));
        assertArrayEquals(new int[0], jdbc.batch("INSERT INTO person (name) VALUES (?)", List.of()));
    }

    @Test
    void aFailingBatchAppliesNoRow() {
        List<Object[]> rows = List.of(new Object[] {"Ada"}, new Object[] {"Bob"}, new Object[] {"Ada"});
        assertThrows(DataAccessException.class, () -> jdbc.batch("INSERT INTO person (name) VALUES (?)", rows));
        assertEquals(0, count("person"));
    }

    @Test
    void transactionCommitsWhenTheCallbackReturns() {
        long id = jdbc.inTransaction(tx -> {
            long person = tx.insertReturningKey("INSERT INTO person (name) VALUES (?)", "id", "Ada");
            tx.update("INSERT INTO pet (person_id, name) VALUES (?, ?)", person, "Rex");
            // A nested transaction joins this one.
            tx.inTransaction(nested -> nested.update("INSERT INTO pet (person_id, name) VALUES (?, ?)", person,
                    "Tom"));
            return person;
        });
        assertEquals(List.of("Rex", "Tom"),
                jdbc.query("SELECT name FROM pet WHERE person_id = ? ORDER BY name", row -> row.getString(1), id));
    }

    @Test
    void transactionRollsBackAndRethrowsWhenTheCallbackThrows() {
        IllegalStateException failure = new IllegalStateException("changed my mind");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> jdbc.inTransaction(tx -> {
            tx.update(INSERT_PERSON, "Ada", 36, null, true, null, null);
            tx.batch("INSERT INTO person (name) VALUES (?)", List.of(new Object[] {"Bob"}, new Object[] {"Cy"}));
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(0, count("person"));

        // The connection went back to the pool in auto-commit mode.
        jdbc.update(INSERT_PERSON, "Dee", 1, null, true, null, null);
        assertEquals(1, count("person"));
    }

    @Test
    void transactionRollsBackWhenAStatementFails() {
        assertThrows(DataAccessException.class, () -> jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO person (name) VALUES (?)", "Ada");
            return tx.update("INSERT INTO pet (person_id, name) VALUES (?, ?)", 999, "Orphan");
        }));
        assertEquals(0, count("person"));
    }

    @Test
    void dataAccessExceptionNamesTheSqlButNotTheParameters() {
        String sql = "INSERT INTO person (name, secret) VALUES (?, ?)";
        jdbc.update(sql, "Ada", "hunter2".getBytes());
        DataAccessException e = assertThrows(DataAccessException.class,
                () -> jdbc.update(sql, "Ada", "hunter2".getBytes()));
        assertTrue(e.getMessage().contains(sql), e.getMessage());
        assertTrue(e.getMessage().contains("UNIQUE"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(Optional.of(sql), e.sql());

        DataAccessException syntax = assertThrows(DataAccessException.class,
                () -> jdbc.query("SELEKT name FROM person WHERE name = ?", row -> row.getString(1), "Ada"));
        assertTrue(syntax.getMessage().contains("SELEKT name FROM person"), syntax.getMessage());
    }

    @Test
    void concurrentReadThenWriteTransactionsWaitTheirTurn() throws Exception {
        jdbc.update("INSERT INTO person (id, name, age) VALUES (1, 'counter', 0)");
        int threads = 4;
        int rounds = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        // Read, then write: with deferred transactions in WAL mode this fails with SQLITE_BUSY
                        // whenever another connection commits in between. BEGIN IMMEDIATE makes it wait instead.
                        jdbc.inTransaction(tx -> {
                            int age = tx.queryOne("SELECT age FROM person WHERE id = 1", row -> row.getInt(1))
                                    .orElseThrow();
                            return tx.update("UPDATE person SET age = ? WHERE id = 1", age + 1);
                        });
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * rounds,
                jdbc.queryOne("SELECT age FROM person WHERE id = 1", row -> row.getInt(1)).orElseThrow());
    }

    private int count(String table) {
        return jdbc.queryOne("SELECT COUNT(*) FROM " + table, row -> row.getInt(1)).orElseThrow();
    }
}
