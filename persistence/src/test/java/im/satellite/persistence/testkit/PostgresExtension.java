package im.satellite.persistence.testkit;

import im.satellite.persistence.DatabaseConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives a test class its own {@link PostgresServer}: started before the first test, stopped
 * and deleted after the last, pass or fail. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension POSTGRES = new PostgresExtension();
 *
 * DatabaseConfig config = POSTGRES.createDatabase("rooms");
 * }</pre>
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = PostgresServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server; only between the class's first and last test. */
    public PostgresServer server() {
        if (server == null) {
            throw new IllegalStateException("The PostgreSQL server runs only while the test class runs");
        }
        return server;
    }

    /** A new empty database on the server; see {@link PostgresServer#createDatabase}. */
    public DatabaseConfig createDatabase(String prefix) {
        return server().createDatabase(prefix);
    }
}
