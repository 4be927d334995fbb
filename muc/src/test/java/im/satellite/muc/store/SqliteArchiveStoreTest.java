package im.satellite.muc.store;

import im.satellite.persistence.Database;
import im.satellite.persistence.DatabaseConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ArchiveStoreContract} on SQLite files, the default database. */
class SqliteArchiveStoreTest extends ArchiveStoreContract {

    @TempDir
    Path dir;

    private int files;

    @Override
    Database openDatabase() {
        return Database.open(DatabaseConfig.sqlite(dir.resolve("archive-" + ++files + ".db")));
    }
}
