package im.satellite.persistence;

/**
 * Work done inside one database transaction by {@link Jdbc#inTransaction}. The callback receives a {@link Jdbc}
 * bound to the transaction's connection; that instance must be used only on the calling thread and only until
 * the callback returns. All of the transaction's statements go through it: a write through the outer, pooled
 * {@link Jdbc} would run on another connection and, on SQLite, wait for this transaction's write lock.
 *
 * @param <T> the result type; use {@code Void} and return {@code null} when there is none
 */
@FunctionalInterface
public interface TransactionCallback<T> {

    /**
     * Runs the work. Returning normally commits the transaction; throwing rolls it back.
     *
     * @param tx a {@link Jdbc} whose statements all run in this transaction
     * @return the result handed back by {@link Jdbc#inTransaction}
     */
    T apply(Jdbc tx);
}
