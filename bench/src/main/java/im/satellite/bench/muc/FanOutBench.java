package im.satellite.bench.muc;

import im.satellite.bench.ResultTable;
import im.satellite.bench.link.EchoWorkload;
import im.satellite.bench.link.LoadResult;
import im.satellite.bench.link.WindowedLoad;
import im.satellite.bench.link.Workload;
import im.satellite.bench.proxy.ProcessCpu;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groupchat fan-out, component only: for each room size, one room whose occupants all live behind the driver
 * (which plays the host server); groupchat messages from its first occupants, windowed so that at most
 * {@code outstanding} stanzas out are in flight, and counted as they come back, once per occupant. The limit is
 * the same driver against the echo component (one stanza out per stanza in). The rooms broadcast only the
 * moderator's presence ({@code muc#roomconfig_presencebroadcast}), so filling a room of N takes O(N) presences
 * instead of N²; messages are unaffected.
 */
final class FanOutBench {
    static final String ECHO = "echo component (protocol limit)";
    static final String OUT = "stanzas out/s";
    static final String IN = "messages in/s";
    static final String P50 = "p50 ms";
    static final String P99 = "p99 ms";
    static final String CPU = "component CPU µs/stanza out";
    private static final Logger log = LoggerFactory.getLogger(FanOutBench.class);
    private static final int ECHO_WINDOW = 1000;

    private FanOutBench() {
    }

    static String row(int occupants) {
        return String.format(Locale.ROOT, "satellite muc, %,d occupants", occupants);
    }

    /** The messages in flight for a room of {@code occupants}: {@code outstanding / occupants}, 1 to 1000. */
    static int window(int occupants, int outstanding) {
        return Math.max(1, Math.min(ECHO_WINDOW, outstanding / occupants));
    }

    static ResultTable run(Settings s, List<Integer> sizes, long stanzas, int outstanding) throws Exception {
        ResultTable t = new ResultTable(String.format(Locale.ROOT, "muc: groupchat fan-out, component only, about %,d"
                + " stanzas out per run, at most %,d in flight, %d runs", stanzas, outstanding, s.repeat()),
                List.of(OUT, IN, P50, P99, CPU));
        LinkedChild echo = s.child("fanout-echo", "echo", null, "");
        LinkedChild muc = s.child("fanout-muc", "muc", s.work().resolve("fanout.db"), "");
        try {
            MucDriver driver = new MucDriver(muc.link(), s.timeout());
            List<Workload> rooms = new ArrayList<>();
            long first = 0;
            for (int n : sizes) {
                log.info("filling a room of {} occupants", n);
                driver.fillRoom("f" + n, first, n, Map.of("muc#roomconfig_presencebroadcast", List.of("moderator")));
                rooms.add(new GroupchatWorkload("f" + n, first, n));
                first += n;
            }
            WindowedLoad echoLoad = new WindowedLoad(echo.link(), new EchoWorkload("echo.localhost"), s.timeout());
            echoLoad.run(Math.max(1, stanzas / 5), ECHO_WINDOW);
            for (int i = 0; i < sizes.size(); i++) {
                int n = sizes.get(i);
                new WindowedLoad(muc.link(), rooms.get(i), s.timeout()).run(Math.max(1, stanzas / 5 / n),
                        window(n, outstanding));
            }
            for (int run = 1; run <= s.repeat(); run++) {
                measure(t, ECHO, echoLoad, stanzas, ECHO_WINDOW, 1, echo.process().pid());
                for (int i = 0; i < sizes.size(); i++) {
                    int n = sizes.get(i);
                    measure(t, row(n), new WindowedLoad(muc.link(), rooms.get(i), s.timeout()),
                            Math.max(1, stanzas / n), window(n, outstanding), n, muc.process().pid());
                }
            }
        } finally {
            s.release(muc);
            s.release(echo);
        }
        for (int n : sizes) {
            t.ratio(OUT, row(n), ECHO);
        }
        if (sizes.contains(100)) {
            for (int n : sizes) {
                if (n > 100) {
                    t.ratio(OUT, row(n), row(100)).ratio(CPU, row(n), row(100));
                }
            }
        }
        return t;
    }

    private static void measure(ResultTable t, String row, WindowedLoad load, long messages, int window,
            int occupants, long pid) throws Exception {
        double cpu = ProcessCpu.seconds(List.of(pid));
        LoadResult r = load.run(messages, window);
        cpu = ProcessCpu.seconds(List.of(pid)) - cpu;
        t.cell(row, OUT).add(r.receivedPerSecond());
        t.cell(row, IN).add(r.sentPerSecond());
        t.cell(row, P50).add(r.latencyMicros(50) / 1000);
        t.cell(row, P99).add(r.latencyMicros(99) / 1000);
        t.cell(row, CPU).add(cpu * 1e6 / r.received());
        log.info("{}: {} stanzas out/s (window {} messages x {})", row, Math.round(r.receivedPerSecond()), window,
                occupants);
    }
}
