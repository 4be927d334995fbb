package im.satellite.persistence;

import java.nio.file.Path;

/**
 * The child process of {@link DatabaseDurabilityTest}: inserts numbered rows into the SQLite file named by its
 * argument, one transaction per row, and prints {@code COMMITTED n} after each commit returns, until it is killed.
 * Each transaction also bumps a counter row, so the parent can check that no transaction survives half-applied.
 */
public final class DurabilityChild {

    private DurabilityChild() {
    }

    public static void main(String[] args) {
        Database db = Database.open(DatabaseConfig.sqlite(Path.of(args[0])));
        for (long n = 1; ; n++) {
            long row = n;
            db.jdbc().inTransaction(tx -> {
                tx.update("INSERT INTO acked (n, payload) VALUES (?, ?)", row, "row " + row);
                return tx.update("UPDATE tally SET total = total + 1");
            });
            System.out.println("COMMITTED " + row);
            System.out.flush();
        }
    }
}
