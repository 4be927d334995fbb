package im.satellite.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {

    @TempDir
    Path dir;

    private Database db;
    private Migrator migrator;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.sqlite(dir.resolve("m.db")));
        migrator = new Migrator(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void twoOwnersMigrateIntoOneDatabaseEachWithItsOwnHistory() {
        assertEquals(2, migrator.migrate("testa", "classpath:db/testa"));
        // The schema is no longer empty: the second owner is baselined at 0 and still gets its V1.
        assertEquals(2, migrator.migrate("testb", "classpath:db/testb"));

        assertEquals(List.of("note", "person", "pet", "schema_history_testa", "schema_history_testb"), tables());
        assertEquals(List.of("1", "2"), appliedVersions("testa"));
        assertEquals(List.of("1", "2"), appliedVersions("testb"));

        db.jdbc().update("INSERT INTO note (id, body) VALUES (1, 'a')");
        db.jdbc().update("UPDATE note SET body = 'b' WHERE id = 1");
        assertEquals(List.of(1L), db.jdbc().query("SELECT updated_at FROM note", row -> row.getLong(1)));
    }

    @Test
    void migratingAgainIsANoOp() {
        migrator.migrate("testa", "classpath:db/testa");
        migrator.migrate("testb", "classpath:db/testb");
        List<String> historyA = history("testa");
        List<String> historyB = history("testb");

        assertEquals(0, migrator.migrate("testa", "classpath:db/testa"));
        assertEquals(0, migrator.migrate("testb", "classpath:db/testb"));
        db.migrate("testa", "classpath:db/testa");

        assertEquals(historyA, history("testa"));
        assertEquals(historyB, history("testb"));
    }

    @Test
    void aFailedMigrationIsRolledBackAndNotRecorded() {
        DataAccessException e = assertThrows(DataAccessException.class,
                () -> migrator.migrate("testbroken", "classpath:db/testbroken"));
        assertTrue(e.getMessage().contains("testbroken"), e.getMessage());
        assertTrue(tables().stream().noneMatch(name -> name.equals("half_done")), tables()::toString);
        assertEquals(List.of(), appliedVersions("testbroken"));
    }

    @Test
    void aMissingLocationFails() {
        assertThrows(DataAccessException.class, () -> db.migrate("nothing", "classpath:db/nothing"));
    }

    @Test
    void ownersMustBeSafeTableNameSuffixes() {
        assertThrows(IllegalArgumentException.class, () -> db.migrate("muc; DROP TABLE x", "classpath:db/testa"));
        assertThrows(IllegalArgumentException.class, () -> db.migrate("Muc", "classpath:db/testa"));
    }

    private List<String> tables() {
        return db.jdbc().query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                row -> row.getString(1));
    }

    private List<String> appliedVersions(String owner) {
        if (!tables().contains(Migrator.historyTable(owner))) {
            return List.of();
        }
        return db.jdbc().query("SELECT version FROM " + Migrator.historyTable(owner)
                + " WHERE success = 1 AND type = 'SQL' ORDER BY installed_rank", row -> row.getString(1));
    }

    private List<String> history(String owner) {
        return db.jdbc().query("SELECT installed_rank, version, type, checksum, installed_on FROM "
                + Migrator.historyTable(owner) + " ORDER BY installed_rank",
                row -> row.getInt(1) + "/" + row.getString(2) + "/" + row.getString(3) + "/" + row.getString(4)
                        + "/" + row.getString(5));
    }
}
