package im.satellite.persistence;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * The unchecked failure thrown by this package (STYLE 7.6): a failed SQL statement, a pool that cannot be
 * opened or a migration that cannot be applied. When a statement failed, the message holds its SQL text, the
 * driver's SQLState, error code and message, but never the bound parameter values, which may be secrets. (SQLite's
 * messages name constraints and columns, not values; for PostgreSQL {@link Database} turns off the driver's
 * {@code logServerErrorDetail}, whose details quote row values.)
 */
public final class DataAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sql;

    private DataAccessException(String message, String sql, Throwable cause) {
        super(message, cause);
        this.sql = sql;
    }

    /** Wraps the failure of one statement; {@code sql} is the statement text with its {@code ?} placeholders. */
    static DataAccessException forStatement(String sql, SQLException cause) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(cause, "cause");
        String state = cause.getSQLState() == null ? "" : "SQLState " + cause.getSQLState() + ", ";
        String message = "SQL failed [" + state + "error " + cause.getErrorCode() + "]: " + sql
                + " (" + cause.getMessage() + ")";
        return new DataAccessException(message, sql, cause);
    }

    /** Wraps a failure that is not one statement, such as opening the pool or running migrations. */
    static DataAccessException forOperation(String message, Throwable cause) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(cause, "cause");
        return new DataAccessException(message + ": " + cause.getMessage(), null, cause);
    }

    /** The SQL text of the failed statement, if the failure was one statement. */
    public Optional<String> sql() {
        return Optional.ofNullable(sql);
    }
}
