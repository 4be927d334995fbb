package im.satellite.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void everyPooledSqliteConnectionHasThePragmasInForce() throws SQLException {
        try (Database db = Database.open(new DatabaseConfig("jdbc:sqlite:" + dir.resolve("p.db"), null, null, 3))) {
            assertTrue(db.isSqlite());
            List<Connection> held = new ArrayList<>();
            try {
                // Holding three at once forces three distinct physical connections.
                for (int i = 0; i < 3; i++) {
                    held.add(db.dataSource().getConnection());
                }
                for (Connection connection : held) {
                    assertEquals("wal", pragma(connection, "journal_mode"));
                    assertEquals(String.valueOf(Database.BUSY_TIMEOUT_MILLIS), pragma(connection, "busy_timeout"));
                    assertEquals("1", pragma(connection, "foreign_keys"), "foreign_keys=ON");
                    assertEquals("1", pragma(connection, "synchronous"), "synchronous=NORMAL");
                }
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void createsTheMissingParentDirectoryOfTheFile() {
        Path file = dir.resolve("a/b/satellite.db");
        try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
            db.jdbc().update("CREATE TABLE t (x INTEGER)");
        }
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database db = Database.open(DatabaseConfig.sqlite(dir.resolve("fk.db")))) {
            db.migrate("testa", "classpath:db/testa");
            DataAccessException e = assertThrows(DataAccessException.class,
                    () -> db.jdbc().update("INSERT INTO pet (person_id, name) VALUES (?, ?)", 42, "Rex"));
            assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite::memory:", "jdbc:sqlite:file::memory:?cache=shared", "jdbc:sqlite:"})
    void inMemoryDatabaseKeepsItsDataOnOneLongLivedConnection(String url) {
        try (Database db = Database.open(new DatabaseConfig(url, null, null, 8))) {
            assertEquals(1, ((HikariDataSource) db.dataSource()).getMaximumPoolSize());
            db.migrate("testa", "classpath:db/testa");
            db.jdbc().update("INSERT INTO person (name) VALUES (?)", "Ada");
            assertEquals(List.of("Ada"), db.jdbc().query("SELECT name FROM person", row -> row.getString(1)));
        }
    }

    @Test
    void openFailureIsADataAccessExceptionThatHidesTheUrlQuery() {
        DatabaseConfig config = new DatabaseConfig(
                "jdbc:postgresql://127.0.0.1:1/satellite?password=hunter2", "satellite", "hunter2", 1);
        DataAccessException e = assertThrows(DataAccessException.class, () -> Database.open(config));
        assertTrue(e.getMessage().startsWith("Cannot open database jdbc:postgresql://127.0.0.1:1/satellite"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void closingTwiceIsHarmless() {
        Database db = Database.open(DatabaseConfig.sqlite(dir.resolve("c.db")));
        db.close();
        db.close();
        assertThrows(DataAccessException.class, () -> db.jdbc().update("CREATE TABLE t (x INTEGER)"));
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            assertTrue(row.next());
            return row.getString(1);
        }
    }
}
