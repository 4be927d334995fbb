package im.satellite.persistence;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the parts of a {@code jdbc:sqlite:} URL that {@link Database} needs: whether it is SQLite at all, whether the
 * database lives in memory, and which file it lives in. Understands plain paths ({@code jdbc:sqlite:data/x.db}),
 * {@code file:} URIs, {@code :memory:}, {@code file::memory:} and {@code mode=memory}, and ignores query strings.
 */
final class SqliteUrl {

    static final String PREFIX = "jdbc:sqlite:";
    private static final String FILE_SCHEME = "file:";

    private SqliteUrl() {
    }

    static boolean isSqlite(String url) {
        return url.startsWith(PREFIX);
    }

    /**
     * True for databases that live and die with one connection: {@code :memory:}, {@code file::memory:},
     * {@code mode=memory}, and the empty name (a private temporary database per connection).
     */
    static boolean isInMemory(String url) {
        if (!isSqlite(url)) {
            return false;
        }
        String name = name(url);
        return name.isEmpty() || name.equals(":memory:") || name.startsWith("file::memory:")
                || query(url).contains("mode=memory");
    }

    /** The database file, or empty for in-memory databases, classpath resources and non-SQLite URLs. */
    static Optional<Path> file(String url) {
        if (!isSqlite(url) || isInMemory(url)) {
            return Optional.empty();
        }
        String name = name(url);
        if (name.startsWith(":resource:")) {
            return Optional.empty();
        }
        if (name.startsWith(FILE_SCHEME)) {
            name = name.substring(FILE_SCHEME.length());
            if (name.startsWith("///")) {
                name = name.substring(2);
            }
        }
        return Optional.of(Path.of(name));
    }

    private static String name(String url) {
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    private static String query(String url) {
        int query = url.indexOf('?');
        return query < 0 ? "" : url.substring(query + 1);
    }
}
