package im.satellite.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL keeps every transaction whose commit it acknowledged: WAL mode with
 * {@code synchronous=NORMAL} writes the WAL before a commit returns. (It does not prove survival of a power loss,
 * which {@code NORMAL} does not promise.)
 */
class DatabaseDurabilityTest {

    /** How many acknowledged commits the parent reads before it kills the child. */
    private static final int ACKNOWLEDGED = 200;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesAKilledProcess() throws Exception {
        Path file = dir.resolve("durable.db");
        try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
            db.jdbc().update("CREATE TABLE acked (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
            db.jdbc().update("CREATE TABLE tally (total INTEGER NOT NULL)");
            db.jdbc().update("INSERT INTO tally (total) VALUES (0)");
        }

        long lastAcknowledged = runChildAndKillIt(file);

        try (Database db = Database.open(DatabaseConfig.sqlite(file))) {
            Jdbc jdbc = db.jdbc();
            assertEquals(List.of("ok"), jdbc.query("PRAGMA integrity_check", row -> row.getString(1)));
            long rows = jdbc.queryOne("SELECT COUNT(*) FROM acked", row -> row.getLong(1)).orElseThrow();
            long highest = jdbc.queryOne("SELECT MAX(n) FROM acked", row -> row.getLong(1)).orElseThrow();
            long total = jdbc.queryOne("SELECT total FROM tally", row -> row.getLong(1)).orElseThrow();
            assertTrue(highest >= lastAcknowledged,
                    "row " + lastAcknowledged + " was acknowledged but the highest row is " + highest);
            assertEquals(highest, rows, "the rows present are exactly 1.." + highest + ", with no gap");
            assertEquals(rows, total, "every transaction is applied whole: rows and tally agree");
        }
    }

    /** Starts the child, reads {@value #ACKNOWLEDGED} acknowledgements, kills it, and returns the last one read. */
    private long runChildAndKillIt(Path file) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderr = dir.resolve("child.err");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DurabilityChild.class.getName(), file.toString())
                .redirectError(stderr.toFile())
                .start();
        long lastAcknowledged = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            while (lastAcknowledged < ACKNOWLEDGED) {
                String line = out.readLine();
                if (line == null) {
                    fail("child exited after " + lastAcknowledged + " commits: " + Files.readString(stderr));
                }
                if (line.startsWith("COMMITTED ")) {
                    lastAcknowledged = Long.parseLong(line.substring("COMMITTED ".length()));
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        return lastAcknowledged;
    }
}
