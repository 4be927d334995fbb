package im.satellite.bench.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.bench.BenchRun;
import org.junit.jupiter.api.Test;

/** Smoke run of {@code bench link}: tiny sizes, one run; it must finish and print both tables with their rows. */
class LinkCommandTest {
    @Test
    void printsFloodAndPingPongTablesForTheEchoComponentAndTheByteEcho() {
        BenchRun run = BenchRun.of("link", "--stanzas", "2000", "--pings", "200", "--repeat", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("link: flood: 2000 messages, window 1000, 1 runs"), run.out());
        assertTrue(run.out().contains("link: ping-pong, 200 round trips, 1 runs"), run.out());
        assertNotNull(run.row(LinkCommand.BYTE_ECHO), run.out());
        assertNotNull(run.row(LinkCommand.SATELLITE), run.out());
        assertNotNull(run.row("received/s: " + LinkCommand.SATELLITE + " / " + LinkCommand.BYTE_ECHO + " = "),
                run.out());
        assertNotNull(run.row("round trip p99 µs: " + LinkCommand.SATELLITE + " / "), run.out());
    }
}
