package im.satellite.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.persistence.testkit.PostgresExtension;
import im.satellite.persistence.testkit.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Database} and {@link Migrator} against a real PostgreSQL server reached with a {@code jdbc:postgresql://}
 * URL and a password, as {@code database.url} would configure it.
 */
class PostgresDatabaseIT {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private DatabaseConfig config;
    private Database db;

    @BeforeEach
    void open() {
        config = POSTGRES.createDatabase("database_it");
        db = Database.open(config);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void opensAPostgresUrlWithCredentials() {
        assertTrue(config.url().startsWith("jdbc:postgresql://127.0.0.1:"), config.url());
        assertFalse(db.isSqlite());
        assertEquals("PostgreSQL", db.jdbc().queryOne("SELECT version()", row -> row.getString(1)).orElseThrow()
                .split(" ")[0]);
        assertEquals(PostgresServer.ROLE,
                db.jdbc().queryOne("SELECT current_user", row -> row.getString(1)).orElseThrow());
    }

    @Test
    void twoOwnersMigrateIntoOneDatabaseEachWithItsOwnHistory() {
        db.migrate("pg_people", "classpath:db/pg_people");
        // The schema is no longer empty: the second owner is baselined at 0 and still gets its V1.
        db.migrate("pg_notes", "classpath:db/pg_notes");

        assertEquals(List.of("note", "person", "pet", "schema_history_pg_notes", "schema_history_pg_people"),
                tables());
        assertEquals(List.of("1", "2"), appliedVersions("pg_people"));
        assertEquals(List.of("1", "2"), appliedVersions("pg_notes"));

        // The trigger function (a dollar-quoted body with semicolons) was applied whole.
        long id = db.jdbc().insertReturningKey("INSERT INTO note (body) VALUES (?)", "id", "a");
        db.jdbc().update("UPDATE note SET body = ? WHERE id = ?", "b", id);
        assertEquals(List.of(1L), db.jdbc().query("SELECT updated_at FROM note", row -> row.getLong(1)));
    }

    @Test
    void migratingAgainIsANoOp() {
        Migrator migrator = new Migrator(db.dataSource());
        assertEquals(2, migrator.migrate("pg_people", "classpath:db/pg_people"));
        assertEquals(2, migrator.migrate("pg_notes", "classpath:db/pg_notes"));
        List<String> history = history("pg_people");

        assertEquals(0, migrator.migrate("pg_people", "classpath:db/pg_people"));
        assertEquals(0, migrator.migrate("pg_notes", "classpath:db/pg_notes"));

        // A restart: a new pool over the same database finds nothing pending either.
        db.close();
        db = Database.open(config);
        assertEquals(0, new Migrator(db.dataSource()).migrate("pg_people", "classpath:db/pg_people"));
        assertEquals(history, history("pg_people"));
    }

    @Test
    void aFailedMigrationIsRolledBackAndNotRecorded() {
        DataAccessException e = assertThrows(DataAccessException.class,
                () -> db.migrate("pg_broken", "classpath:db/pg_broken"));
        assertTrue(e.getMessage().contains("pg_broken"), e.getMessage());
        assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
        assertFalse(tables().contains("half_done"), tables()::toString);
        assertEquals(List.of(), appliedVersions("pg_broken"));
    }

    @Test
    void aWrongPasswordFailsToOpenWithoutShowingIt() {
        DatabaseConfig wrong = new DatabaseConfig(config.url(), config.username(), "not-the-password", 2);
        DataAccessException e = assertThrows(DataAccessException.class, () -> Database.open(wrong));
        assertTrue(e.getMessage().contains("Cannot open database " + config.url()), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        assertFalse(wrong.toString().contains("not-the-password"), wrong.toString());
    }

    private List<String> tables() {
        return db.jdbc().query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_type = 'BASE TABLE' ORDER BY table_name", row -> row.getString(1));
    }

    private List<String> appliedVersions(String owner) {
        if (!tables().contains(Migrator.historyTable(owner))) {
            return List.of();
        }
        return db.jdbc().query("SELECT version FROM " + Migrator.historyTable(owner)
                + " WHERE success AND type = 'SQL' ORDER BY installed_rank", row -> row.getString(1));
    }

    private List<String> history(String owner) {
        return db.jdbc().query("SELECT installed_rank, version, type, checksum, installed_on FROM "
                + Migrator.historyTable(owner) + " ORDER BY installed_rank",
                row -> row.getInt(1) + "/" + row.getString(2) + "/" + row.getString(3) + "/" + row.getString(4)
                        + "/" + row.getString(5));
    }
}
