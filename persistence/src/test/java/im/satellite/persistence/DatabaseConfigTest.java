package im.satellite.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void defaultsToASqliteFileUnderData() {
        assertEquals("jdbc:sqlite:data/satellite.db", DatabaseConfig.defaults().url());
        assertEquals(DatabaseConfig.DEFAULT_URL, new DatabaseConfig(null, null, null, 2).url());
        assertEquals(Optional.of(Path.of("data/satellite.db")), SqliteUrl.file(DatabaseConfig.DEFAULT_URL));
    }

    @Test
    void sqliteFactoryBuildsTheUrlFromThePath() {
        DatabaseConfig config = DatabaseConfig.sqlite(Path.of("/var/lib/satellite/muc.db"));
        assertEquals("jdbc:sqlite:/var/lib/satellite/muc.db", config.url());
        assertEquals(DatabaseConfig.DEFAULT_MAX_POOL_SIZE, config.maxPoolSize());
    }

    @Test
    void rejectsAnEmptyPool() {
        assertThrows(IllegalArgumentException.class, () -> new DatabaseConfig(null, null, null, 0));
    }

    @Test
    void toStringMasksThePasswordAndTheUrlQuery() {
        String text = new DatabaseConfig("jdbc:postgresql://db/satellite?password=hunter2", "sat", "hunter2", 4)
                .toString();
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("jdbc:postgresql://db/satellite?…"), text);
        assertTrue(text.contains("password=****"), text);
    }

    @Test
    void sqliteUrlsAreReadForTheirFileOrMemory() {
        assertEquals(Optional.of(Path.of("/tmp/x.db")), SqliteUrl.file("jdbc:sqlite:file:///tmp/x.db?mode=rwc"));
        assertEquals(Optional.of(Path.of("rel/x.db")), SqliteUrl.file("jdbc:sqlite:file:rel/x.db"));
        assertEquals(Optional.empty(), SqliteUrl.file("jdbc:sqlite::resource:db/x.db"));
        assertEquals(Optional.empty(), SqliteUrl.file("jdbc:postgresql://db/satellite"));
        assertTrue(SqliteUrl.isInMemory("jdbc:sqlite::memory:"));
        assertTrue(SqliteUrl.isInMemory("jdbc:sqlite:file:x?mode=memory&cache=shared"));
        assertFalse(SqliteUrl.isInMemory("jdbc:sqlite:x.db"));
        assertFalse(SqliteUrl.isInMemory("jdbc:postgresql://db/satellite"));
    }
}
