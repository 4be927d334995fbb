package im.satellite.irc.store;

import im.satellite.persistence.Database;
import im.satellite.persistence.DatabaseConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link IrcAccountStoreContract} on a SQLite file, the default database. */
class SqliteIrcAccountStoreTest extends IrcAccountStoreContract {

    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return Database.open(DatabaseConfig.sqlite(dir.resolve("irc.db")));
    }
}
