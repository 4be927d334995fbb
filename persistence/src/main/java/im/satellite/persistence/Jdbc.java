package im.satellite.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A small JDBC helper: prepared statements with positional parameters, rows mapped by lambdas, and transactions
 * scoped to a callback. Every {@link SQLException} comes out as a {@link DataAccessException} naming the SQL.
 *
 * <p>Parameters are bound by their Java type: {@code String}, {@code Integer}, {@code Long}, {@code Boolean},
 * {@code byte[]}, {@link Instant} (stored as epoch milliseconds in a 64-bit integer column; read it back with
 * {@code Instant.ofEpochMilli(row.getLong(…))}) and {@code null}. Any other type is rejected with an
 * {@link IllegalArgumentException}.
 *
 * <p>For SQL that runs on both SQLite and PostgreSQL, declare columns by what PostgreSQL needs; SQLite accepts the
 * same names: {@code BIGINT} for {@code Long} and {@code Instant} values (PostgreSQL's {@code INTEGER} is 32-bit),
 * {@code BOOLEAN} for {@code Boolean} ones (PostgreSQL does not cast a boolean parameter to an integer column),
 * {@code BYTEA} for {@code byte[]} (SQLite keeps the bytes as a blob under that name), and write upserts as
 * {@code INSERT ... ON CONFLICT (...) DO UPDATE}.
 *
 * <p>An instance made over a {@link DataSource} borrows a connection for each call and is safe to share between
 * threads. The instance handed to a {@link TransactionCallback} is bound to that transaction's connection and must
 * stay on the callback's thread.
 */
public final class Jdbc {

    /** Exactly one of these is set: a pool to borrow from, or the connection of the enclosing transaction. */
    private final DataSource dataSource;
    private final Connection transaction;

    /** A helper that borrows a connection from {@code dataSource} for each call, in auto-commit mode. */
    public Jdbc(DataSource dataSource) {
        this(Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    private Jdbc(DataSource dataSource, Connection transaction) {
        this.dataSource = dataSource;
        this.transaction = transaction;
    }

    /** Runs a query and maps every row; the list is unmodifiable and may be empty. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        Objects.requireNonNull(mapper, "mapper");
        return execute(sql, connection -> select(connection, sql, mapper, 0, params));
    }

    /**
     * Runs a query expected to return at most one row.
     *
     * @return the mapped row, or empty when there is none
     * @throws IllegalStateException if the query returns more than one row
     */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        Objects.requireNonNull(mapper, "mapper");
        List<T> rows = execute(sql, connection -> select(connection, sql, mapper, 2, params));
        if (rows.size() > 1) {
            throw new IllegalStateException("Expected at most one row from: " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs an INSERT, UPDATE, DELETE or DDL statement and returns the number of rows changed. */
    public int update(String sql, Object... params) {
        return execute(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs an INSERT and returns the key the database generated for {@code keyColumn}. The column must be an
     * {@code INTEGER PRIMARY KEY} on SQLite (where the driver reports the row id) or an identity or serial column on
     * PostgreSQL (where the driver adds {@code RETURNING keyColumn}).
     *
     * @throws DataAccessException if the statement fails or reports no key
     */
    public long insertReturningKey(String sql, String keyColumn, Object... params) {
        Objects.requireNonNull(keyColumn, "keyColumn");
        return execute(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {keyColumn})) {
                bind(statement, params);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("No generated key was returned for column " + keyColumn);
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * Runs one statement once per parameter row, as a JDBC batch. Outside a transaction the batch runs in a
     * transaction of its own, so either every row is applied or none is.
     *
     * @return the update count of each row, in order
     */
    public int[] batch(String sql, List<Object[]> rows) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(rows, "rows");
        if (rows.isEmpty()) {
            return new int[0];
        }
        if (transaction == null) {
            return inTransaction(tx -> tx.batch(sql, rows));
        }
        return execute(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(statement, row);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    /**
     * Runs {@code callback} in one transaction: commits when it returns, rolls back when it throws, and rethrows
     * what it threw. Called on a transaction-bound instance, the callback joins the enclosing transaction.
     *
     * <p>On SQLite the transaction starts with {@code BEGIN IMMEDIATE} (see {@link Database}), so it holds the write
     * lock from its first statement and never fails half-way because another connection wrote first. PostgreSQL
     * has no such mode: its transactions run at {@code READ COMMITTED}, so a transaction that reads a row and then
     * writes a value computed from it must lock the row ({@code SELECT ... FOR UPDATE}, PostgreSQL only; see
     * {@link Database#isSqlite()}) or keep such writes on one thread, as the services' lanes do.
     *
     * @return what the callback returned
     */
    public <T> T inTransaction(TransactionCallback<T> callback) {
        Objects.requireNonNull(callback, "callback");
        if (transaction != null) {
            return callback.apply(this);
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            T result;
            try {
                result = callback.apply(new Jdbc(null, connection));
                connection.commit();
            } catch (Throwable failure) {
                rollback(connection, autoCommit, failure);
                throw failure;
            }
            connection.setAutoCommit(autoCommit);
            return result;
        } catch (SQLException e) {
            throw DataAccessException.forStatement("BEGIN/COMMIT", e);
        }
    }

    /** Rolls back and restores auto-commit; a failure to do so is attached to the original failure. */
    private static void rollback(Connection connection, boolean autoCommit, Throwable failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private <T> T execute(String sql, ConnectionWork<T> work) {
        Objects.requireNonNull(sql, "sql");
        try {
            if (transaction != null) {
                return work.apply(transaction);
            }
            try (Connection connection = dataSource.getConnection()) {
                return work.apply(connection);
            }
        } catch (SQLException e) {
            throw DataAccessException.forStatement(sql, e);
        }
    }

    private static <T> List<T> select(Connection connection, String sql, RowMapper<T> mapper, int maxRows,
            Object[] params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setMaxRows(maxRows);
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(Objects.requireNonNull(mapper.map(rows), "RowMapper returned null"));
                }
                return Collections.unmodifiableList(result);
            }
        }
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        Objects.requireNonNull(params, "params");
        for (int i = 0; i < params.length; i++) {
            int index = i + 1;
            Object value = params[i];
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof String s) {
                statement.setString(index, s);
            } else if (value instanceof Integer n) {
                statement.setInt(index, n);
            } else if (value instanceof Long n) {
                statement.setLong(index, n);
            } else if (value instanceof Boolean b) {
                statement.setBoolean(index, b);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(index, bytes);
            } else if (value instanceof Instant instant) {
                statement.setLong(index, instant.toEpochMilli());
            } else {
                // Name the type, never the value: parameters may be secrets.
                throw new IllegalArgumentException(
                        "Unsupported parameter type " + value.getClass().getName() + " at index " + index);
            }
        }
    }

    /** Work on one connection; the connection is owned by the caller. */
    @FunctionalInterface
    private interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
