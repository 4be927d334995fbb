package im.satellite.muc.store;

import im.satellite.persistence.Database;
import im.satellite.persistence.DatabaseConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link RoomStoreContract} on SQLite files, the default database; each call opens a new file. */
class SqliteRoomStoreTest extends RoomStoreContract {

    @TempDir
    Path dir;

    private int files;

    @Override
    Database openDatabase() {
        return Database.open(DatabaseConfig.sqlite(dir.resolve("muc-" + ++files + ".db")));
    }
}
