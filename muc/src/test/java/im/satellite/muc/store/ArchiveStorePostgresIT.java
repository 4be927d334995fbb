package im.satellite.muc.store;

import im.satellite.persistence.Database;
import im.satellite.persistence.testkit.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ArchiveStoreContract} on a real PostgreSQL server, a fresh database per test. */
class ArchiveStorePostgresIT extends ArchiveStoreContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    Database openDatabase() {
        return Database.open(POSTGRES.createDatabase("muc_archive"));
    }
}
