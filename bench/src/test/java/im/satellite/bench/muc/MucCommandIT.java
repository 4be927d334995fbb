package im.satellite.bench.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.bench.BenchRun;
import org.junit.jupiter.api.Test;

/**
 * Smoke run of {@code bench muc}, every part at tiny sizes and one run: Satellite child JVMs on the driver's own
 * component port (fan-out up to 100 occupants, joins, idle heap, start-up with 200 stored rooms), then 4 raw
 * clients through real Prosody and ejabberd, each with its mod_muc next to Satellite's. It must finish and print
 * every table with its rows and ratio lines; no figure is checked.
 */
class MucCommandIT {
    @Test
    void printsEveryTableWithItsRows() {
        BenchRun run = BenchRun.of("muc", "--repeat", "1", "--sizes", "10,100,200", "--stanzas", "2000",
                "--joins", "20", "--idle-rooms", "50", "--idle-occupants", "3", "--stored-rooms", "200",
                "--clients", "4", "--rooms", "2", "--messages", "100", "--satellite-heap", "256m");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("muc: groupchat fan-out, component only, about 2,000 stanzas out per run"), out);
        assertNotNull(run.row(FanOutBench.ECHO), out);
        for (int n : new int[] {10, 100, 200}) {
            assertNotNull(run.row(FanOutBench.row(n)), out);
            assertNotNull(run.row(FanOutBench.OUT + ": " + FanOutBench.row(n) + " / " + FanOutBench.ECHO + " = "), out);
        }
        assertNotNull(run.row(FanOutBench.CPU + ": " + FanOutBench.row(200) + " / " + FanOutBench.row(100) + " = "),
                out);
        assertTrue(out.contains("muc: join latency, component only, 20 joins"), out);
        assertNotNull(run.row(JoinBench.QUIET), out);
        assertNotNull(run.row(JoinBench.FLOWING), out);
        assertNotNull(run.row(JoinBench.P99 + ": " + JoinBench.FLOWING + " / " + JoinBench.QUIET + " = "), out);
        assertTrue(out.contains("muc: heap of idle rooms, 50 rooms of 3 occupants"), out);
        assertNotNull(run.row(IdleHeapBench.OCCUPANT + ": " + IdleHeapBench.SATELLITE + " / "), out);
        assertTrue(out.contains("muc: start-up with 200 persistent rooms in SQLite"), out);
        assertNotNull(run.row(StartupBench.ECHO), out);
        assertNotNull(run.row(StartupBench.EMPTY), out);
        assertNotNull(run.row(StartupBench.STARTUP + ": " + StartupBench.stored(200) + " / " + StartupBench.EMPTY
                + " = "), out);
        assertTrue(out.contains("muc: end to end, 4 clients in 2 rooms, 100 groupchat messages per run"), out);
        for (String server : new String[] {"prosody", "ejabberd"}) {
            assertNotNull(run.row(EndToEndBench.satelliteRow(server)), out);
            assertNotNull(run.row(EndToEndBench.multicastRow(server)), out);
            assertNotNull(run.row(EndToEndBench.bareRow(server)), out);
            assertNotNull(run.row(EndToEndBench.builtinRow(server, false)), out);
            assertNotNull(run.row(EndToEndBench.DELIVERED + ": " + EndToEndBench.satelliteRow(server) + " / "
                    + EndToEndBench.builtinRow(server, false) + " = "), out);
            assertNotNull(run.row(EndToEndBench.DELIVERED + ": " + EndToEndBench.multicastRow(server) + " / "
                    + EndToEndBench.builtinRow(server, false) + " = "), out);
            assertNotNull(run.row(EndToEndBench.DELIVERED + ": " + EndToEndBench.bareRow(server) + " / "
                    + EndToEndBench.builtinRow(server, false) + " = "), out);
        }
    }
}
