package im.satellite.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how {@link Database#open} connects: a JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}),
 * optional credentials and the pool size.
 *
 * <p>A {@code null} URL means {@link #DEFAULT_URL}. SQLite needs no credentials. For an in-memory SQLite URL the pool
 * is always a single connection, whatever {@code maxPoolSize} says (see {@link Database}). {@link #toString()} masks
 * the password and drops the URL's query string, so a config can be logged.
 *
 * @param url         JDBC URL; {@code null} for {@link #DEFAULT_URL}
 * @param username    user name, or {@code null}
 * @param password    password, or {@code null}
 * @param maxPoolSize the most connections the pool opens, at least 1
 */
public record DatabaseConfig(String url, String username, String password, int maxPoolSize) {

    /** The database used when none is configured: a SQLite file under {@code data/}. */
    public static final String DEFAULT_URL = "jdbc:sqlite:data/satellite.db";

    /**
     * The default pool size. With SQLite in WAL mode readers run concurrently and writers take turns, so a few
     * connections are enough.
     */
    public static final int DEFAULT_MAX_POOL_SIZE = 4;

    /** Applies the URL default and checks the pool size. */
    public DatabaseConfig {
        url = url == null ? DEFAULT_URL : url;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
    }

    /** The default configuration: {@link #DEFAULT_URL} with {@link #DEFAULT_MAX_POOL_SIZE} connections. */
    public static DatabaseConfig defaults() {
        return new DatabaseConfig(DEFAULT_URL, null, null, DEFAULT_MAX_POOL_SIZE);
    }

    /** A SQLite database in {@code file}, with the default pool size. */
    public static DatabaseConfig sqlite(Path file) {
        Objects.requireNonNull(file, "file");
        return new DatabaseConfig(SqliteUrl.PREFIX + file, null, null, DEFAULT_MAX_POOL_SIZE);
    }

    /** The URL without its query string, which may carry credentials; safe to log. */
    String redactedUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + redactedUrl() + ", username=" + username
                + ", password=" + (password == null ? "null" : "****") + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
