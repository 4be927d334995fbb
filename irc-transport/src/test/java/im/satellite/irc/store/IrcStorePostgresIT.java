package im.satellite.irc.store;

import im.satellite.persistence.Database;
import im.satellite.persistence.testkit.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link IrcAccountStoreContract} on a real PostgreSQL server, a fresh database per test. */
class IrcStorePostgresIT extends IrcAccountStoreContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    Database openDatabase() {
        return Database.open(POSTGRES.createDatabase("irc_store"));
    }
}
