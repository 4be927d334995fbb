package im.satellite.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the current row of a {@link ResultSet} to a value; used by {@link Jdbc#query} and {@link Jdbc#queryOne}.
 * The mapper must read only the current row and must not move the cursor.
 *
 * @param <T> the mapped type
 */
@FunctionalInterface
public interface RowMapper<T> {

    /**
     * Maps the row the result set is positioned on.
     *
     * @param row the result set, positioned on the row to map
     * @return the mapped value, never {@code null}
     * @throws SQLException if a column cannot be read; {@link Jdbc} wraps it in a {@link DataAccessException}
     */
    T map(ResultSet row) throws SQLException;
}
