package im.satellite.bench.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.bench.BenchRun;
import org.junit.jupiter.api.Test;

/**
 * Smoke run of {@code bench irc} with a real ngircd and the gateway in a child JVM, at tiny sizes: 4 users in 2
 * channels, 200 messages each way, then 10 users joining 2 of 4 channels each. It must finish, print the three
 * tables with every row and the ratio lines, and every join must have succeeded (seen by the XMPP side and on IRC).
 */
class IrcCommandIT {
    @Test
    void printsBothDirectionsAndTheMemoryTableWithEveryRow() {
        BenchRun run = BenchRun.of("irc", "--messages", "200", "--window", "20", "--users", "4", "--channels", "2",
                "--repeat", "1", "--scale-users", "10", "--scale-joins", "2", "--scale-channels", "4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("irc: XMPP -> IRC, 200 messages, window 20, 4 users in 2 channels, 1 runs"),
                run.out());
        assertTrue(run.out().contains("irc: IRC -> XMPP, 200 messages, window 20, 4 users in 2 channels, 1 runs,"
                + " 2 deliveries per message"), run.out());
        assertTrue(run.out().contains("irc: 10 users x 2 channels (4 channels of 5 members), 1 runs"), run.out());
        for (String row : new String[] {IrcCommand.LIMIT, IrcCommand.GATEWAY_OUT, IrcCommand.GATEWAY_IN,
                IrcCommand.IDLE, IrcCommand.LOADED}) {
            assertNotNull(run.row(row), row + " in\n" + run.out());
        }
        assertNotNull(run.row("messages/s: " + IrcCommand.GATEWAY_OUT + " / " + IrcCommand.LIMIT + " = "), run.out());
        assertNotNull(run.row("deliveries/s: " + IrcCommand.GATEWAY_IN + " / " + IrcCommand.LIMIT + " = "), run.out());
        assertNotNull(run.row("join time s: " + IrcCommand.LOADED + " / " + IrcCommand.LIMIT + " = "), run.out());
        assertNotNull(run.row("heap after GC with 10 users x 2 channels: "), run.out());
        assertTrue(run.out().contains("all 20 joins succeeded in every run"), run.out());
    }
}
