package im.satellite.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open database: a HikariCP connection pool, the {@link Jdbc} helper over it, and the per-service migrations.
 *
 * <p><b>SQLite.</b> The parent directory of the database file is created if missing. Every pooled connection is
 * opened through sqlite-jdbc's {@link SQLiteConfig}, which applies these settings when the connection is made:
 * <ul>
 *   <li>{@code journal_mode=WAL}: readers do not block the writer, nor the writer the readers;</li>
 *   <li>{@code synchronous=NORMAL}: in WAL mode a commit survives a crash of the process (the WAL is written
 *       before commit returns) though not necessarily a power loss;</li>
 *   <li>{@code busy_timeout} of {@value #BUSY_TIMEOUT_MILLIS} ms: a connection waits for the write lock rather than
 *       failing with {@code SQLITE_BUSY};</li>
 *   <li>{@code foreign_keys=ON}, which SQLite otherwise leaves off;</li>
 *   <li>transactions begin with {@code BEGIN IMMEDIATE}, so a read-then-write transaction takes the write lock up
 *       front and waits its turn, instead of failing with {@code SQLITE_BUSY} when it tries to write after another
 *       connection did.</li>
 * </ul>
 * In-memory URLs ({@code jdbc:sqlite::memory:}, {@code file::memory:?cache=shared}, {@code mode=memory}) get one
 * connection that is never retired, because every new connection to a private in-memory database would see an empty
 * one, and shared-cache connections fail with {@code SQLITE_LOCKED} rather than wait. Such a database has no WAL and
 * disappears on {@link #close()}. Tests that want the real journal and locking use a temporary file instead.
 *
 * <p><b>Other databases.</b> Any other JDBC URL, in practice {@code jdbc:postgresql:}, is pooled as it is, with the
 * configured credentials and no pragmas.
 */
public final class Database implements AutoCloseable {

    /** How long a SQLite connection waits for a lock before failing with {@code SQLITE_BUSY}. */
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final boolean sqlite;
    private final Jdbc jdbc;

    private Database(HikariDataSource dataSource, boolean sqlite) {
        this.dataSource = dataSource;
        this.sqlite = sqlite;
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * Opens the pool and checks that a first connection can be made.
     *
     * @throws DataAccessException if the database cannot be opened, or the SQLite file's directory cannot be created
     */
    public static Database open(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        boolean sqlite = SqliteUrl.isSqlite(config.url());
        HikariConfig hikari = sqlite ? sqliteConfig(config) : otherConfig(config);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw DataAccessException.forOperation("Cannot open database " + config.redactedUrl(), e);
        }
        log.info("Opened database {} with at most {} connection(s)", config.redactedUrl(),
                hikari.getMaximumPoolSize());
        return new Database(dataSource, sqlite);
    }

    private static HikariConfig sqliteConfig(DatabaseConfig config) {
        SqliteUrl.file(config.url()).ifPresent(Database::createParentDirectory);
        SQLiteConfig pragmas = new SQLiteConfig();
        pragmas.setJournalMode(SQLiteConfig.JournalMode.WAL);
        pragmas.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        pragmas.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        pragmas.enforceForeignKeys(true);
        pragmas.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(pragmas);
        sqlite.setUrl(config.url());

        HikariConfig hikari = poolConfig(config);
        hikari.setDataSource(sqlite);
        if (SqliteUrl.isInMemory(config.url())) {
            hikari.setMaximumPoolSize(1);
            hikari.setMaxLifetime(0);
        }
        return hikari;
    }

    private static HikariConfig otherConfig(DatabaseConfig config) {
        HikariConfig hikari = poolConfig(config);
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        // PostgreSQL's error details quote row values; keep them out of exception messages and logs.
        hikari.addDataSourceProperty(PGProperty.LOG_SERVER_ERROR_DETAIL.getName(), "false");
        return hikari;
    }

    private static HikariConfig poolConfig(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("satellite-db");
        hikari.setMaximumPoolSize(config.maxPoolSize());
        return hikari;
    }

    private static void createParentDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw DataAccessException.forOperation("Cannot create the directory " + parent + " for the database", e);
        }
    }

    /** The pooled data source, for code that needs plain JDBC. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The {@link Jdbc} helper over this database's pool. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** Whether this is a SQLite database, for the rare SQL that differs between SQLite and PostgreSQL. */
    public boolean isSqlite() {
        return sqlite;
    }

    /**
     * Applies the pending Flyway migrations of one owner. Each owner (a service, e.g. {@code muc}) has its scripts
     * at its own {@code location} (e.g. {@code classpath:db/muc}) and its own history table
     * {@code schema_history_<owner>}. Running it again when nothing is pending changes nothing.
     *
     * @param owner    a lower-case identifier, e.g. {@code muc}
     * @param location a Flyway location, e.g. {@code classpath:db/muc}; it must exist
     * @throws DataAccessException if the location is missing or a migration fails or fails validation
     */
    public void migrate(String owner, String location) {
        new Migrator(dataSource).migrate(owner, location);
    }

    /** Closes the pool and its connections; closing twice is harmless. */
    @Override
    public void close() {
        dataSource.close();
    }
}
