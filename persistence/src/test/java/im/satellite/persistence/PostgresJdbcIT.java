package im.satellite.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.persistence.testkit.PostgresExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link Jdbc} helper against a real PostgreSQL server: the same contract {@code JdbcTest} checks on SQLite
 * (parameter binding, row mapping, batches, transactions, generated keys, error messages), on the PostgreSQL twin of
 * its schema ({@code db/pg_people}: an identity key, {@code BYTEA}, a real {@code BOOLEAN}).
 */
class PostgresJdbcIT {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

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

    private static Database db;
    private static Jdbc jdbc;

    @BeforeAll
    static void open() {
        db = Database.open(POSTGRES.createDatabase("jdbc_it"));
        db.migrate("pg_people", "classpath:db/pg_people");
        jdbc = db.jdbc();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        jdbc.update("TRUNCATE pet, person RESTART IDENTITY");
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
        Person bob = people.get(1);
        assertNull(bob.age());
        assertNull(bob.score());
        assertNull(bob.active());
        assertNull(bob.secret());
        assertNull(bob.createdAt());
        // A null parameter compared in SQL matches nothing, as on SQLite.
        assertEquals(List.of(), jdbc.query("SELECT * FROM person WHERE age = ?", PERSON, (Object) null));
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
        assertEquals(1, ada);
        assertEquals(2, bob);
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
    void aFailingBatchAppliesNoRowAndDoesNotShowItsValues() {
        List<Object[]> rows = List.of(new Object[] {"hunter2"}, new Object[] {"Bob"}, new Object[] {"hunter2"});
        DataAccessException e = assertThrows(DataAccessException.class,
                () -> jdbc.batch("INSERT INTO person (name) VALUES (?)", rows));
        assertEquals(0, count("person"));
        assertTrue(e.getMessage().contains("SQLState 23505"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
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
        DataAccessException e = assertThrows(DataAccessException.class, () -> jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO person (name) VALUES (?)", "Ada");
            return tx.update("INSERT INTO pet (person_id, name) VALUES (?, ?)", 999, "Orphan");
        }));
        assertTrue(e.getMessage().contains("SQLState 23503"), e.getMessage());
        assertEquals(0, count("person"));
    }

    @Test
    void dataAccessExceptionNamesTheSqlAndConstraintButNotTheParameters() {
        String sql = "INSERT INTO person (name, secret) VALUES (?, ?)";
        jdbc.update(sql, "hunter2", "hunter2".getBytes());
        DataAccessException e = assertThrows(DataAccessException.class,
                () -> jdbc.update(sql, "hunter2", "hunter2".getBytes()));
        assertTrue(e.getMessage().contains(sql), e.getMessage());
        assertTrue(e.getMessage().contains("SQLState 23505"), e.getMessage());
        assertTrue(e.getMessage().contains("person_name_key"), e.getMessage());
        // PostgreSQL's "Detail: Key (name)=(hunter2) already exists." is turned off by Database.
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(Optional.of(sql), e.sql());

        DataAccessException syntax = assertThrows(DataAccessException.class,
                () -> jdbc.query("SELEKT name FROM person WHERE name = ?", row -> row.getString(1), "Ada"));
        assertTrue(syntax.getMessage().contains("SELEKT name FROM person"), syntax.getMessage());
        assertTrue(syntax.getMessage().contains("SQLState 42601"), syntax.getMessage());
    }

    @Test
    void readThenWriteTransactionsWaitTheirTurnWhenTheyLockTheRow() throws Exception {
        // PostgreSQL has no BEGIN IMMEDIATE: a read-then-write transaction must lock what it read (FOR UPDATE),
        // or concurrent ones lose updates under READ COMMITTED.
        jdbc.update("INSERT INTO person (id, name, age) VALUES (1, 'counter', 0)");
        int threads = 4;
        int rounds = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        jdbc.inTransaction(tx -> {
                            int age = tx.queryOne("SELECT age FROM person WHERE id = 1 FOR UPDATE",
                                    row -> row.getInt(1)).orElseThrow();
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
