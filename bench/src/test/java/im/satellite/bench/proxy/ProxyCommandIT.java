package im.satellite.bench.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.bench.BenchRun;
import org.junit.jupiter.api.Test;

/**
 * Smoke run of {@code bench proxy} with real Prosody and ejabberd and the Satellite proxy in a child JVM: 4 MiB,
 * 4 concurrent transfers, one run. It must finish and print both tables with every contender's row.
 */
class ProxyCommandIT {
    @Test
    void printsBothTablesWithEveryContender() {
        BenchRun run = BenchRun.of("proxy", "--size-mib", "4", "--transfers", "4", "--repeat", "1",
                "--warmup-mib", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("proxy: 1 transfer of 4 MiB, 1 runs"), run.out());
        assertTrue(run.out().contains("proxy: 4 concurrent transfers, 4 MiB in total, 1 runs"), run.out());
        for (String row : new String[] {RawLoopback.NAME, ProxyCommand.SATELLITE, ProxyCommand.PROSODY,
                ProxyCommand.EJABBERD}) {
            assertNotNull(run.row(row), row + " in\n" + run.out());
        }
        assertNotNull(run.row("MB/s: " + ProxyCommand.SATELLITE + " / " + ProxyCommand.EJABBERD + " = "), run.out());
        assertNotNull(run.row("Satellite peak heap, 4 transfers / 1 transfer = "), run.out());
    }
}
