package im.satellite.bench.muc;

import im.satellite.bench.ResultTable;
import im.satellite.bench.link.LoadResult;
import im.satellite.bench.link.WindowedLoad;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Join latency, component only: {@code joins} new occupants enter one of 10 rooms of 10 occupants (full presence
 * broadcast: the newcomer gets the 10 presences and the subject, the 10 get its presence), one after the other,
 * each leaving again before the next; the latency runs from writing the join to receiving the newcomer's own
 * presence (110). Measured once on a quiet link, and once while a room of 100 occupants is flooded with groupchat
 * on the same link (at most {@code window} messages in flight), each repetition.
 */
final class JoinBench {
    static final String QUIET = "satellite muc, joins on a quiet link";
    static final String FLOWING = "satellite muc, joins while 100 occupants chat";
    static final String TARGET = "target (issue 7): p99 < 50 ms";
    static final String P50 = "join p50 ms";
    static final String P99 = "join p99 ms";
    static final String FLOW = "flow stanzas out/s";
    private static final Logger log = LoggerFactory.getLogger(JoinBench.class);
    private static final int QUIET_ROOMS = 10;
    private static final int BUSY = 100;
    private static final int FLOOD_CHUNK = 1000;

    private JoinBench() {
    }

    static ResultTable run(Settings s, int joins, int window) throws Exception {
        ResultTable t = new ResultTable(String.format(Locale.ROOT, "muc: join latency, component only, %,d joins into"
                + " rooms of 10, groupchat window %d messages x %d occupants, %d runs", joins, window, BUSY,
                s.repeat()), List.of(P50, P99, FLOW));
        LinkedChild muc = s.child("join-muc", "muc", s.work().resolve("join.db"), "");
        try {
            MucDriver driver = new MucDriver(muc.link(), s.timeout());
            long first = 0;
            for (int r = 0; r < QUIET_ROOMS; r++) {
                driver.fillRoom("q" + r, first, 10, Map.of());
                first += 10;
            }
            driver.fillRoom("busy", first, BUSY, Map.of("muc#roomconfig_presencebroadcast", List.of("moderator")));
            GroupchatWorkload chat = new GroupchatWorkload("busy", first, BUSY);
            first += BUSY;
            new WindowedLoad(muc.link(), chat, s.timeout()).run(FLOOD_CHUNK, window);
            joins(driver, first, Math.max(1, joins / 5));
            for (int run = 1; run <= s.repeat(); run++) {
                Histogram quiet = joins(driver, first, joins);
                t.cell(QUIET, P50).add(quiet.getValueAtPercentile(50) / 1e6);
                t.cell(QUIET, P99).add(quiet.getValueAtPercentile(99) / 1e6);
                Flood flood = new Flood(new WindowedLoad(muc.link(), chat, s.timeout()), window);
                Thread th = new Thread(flood, "join-bench-flood");
                th.start();
                Histogram busy;
                try {
                    busy = joins(driver, first, joins);
                } finally {
                    flood.stop = true;
                    th.join();
                }
                flood.rethrow();
                t.cell(FLOWING, P50).add(busy.getValueAtPercentile(50) / 1e6);
                t.cell(FLOWING, P99).add(busy.getValueAtPercentile(99) / 1e6);
                t.cell(FLOWING, FLOW).add(flood.stanzasPerSecond());
                t.cell(TARGET, P99).add(50);
                log.info("joins: p99 {} ms quiet, {} ms while {} stanzas out/s flow",
                        quiet.getValueAtPercentile(99) / 1e6, busy.getValueAtPercentile(99) / 1e6,
                        Math.round(flood.stanzasPerSecond()));
            }
        } finally {
            s.release(muc);
        }
        t.ratio(P50, FLOWING, QUIET).ratio(P99, FLOWING, QUIET).ratio(P99, FLOWING, TARGET);
        return t;
    }

    /** Sequential joins (each followed by the newcomer's exit) of occupants numbered from {@code first}. */
    private static Histogram joins(MucDriver driver, long first, int joins) throws Exception {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int j = 0; j < joins; j++) {
            String room = "q" + (j % QUIET_ROOMS);
            long k = first + j;
            long id = driver.join(room, k);
            long start = System.nanoTime();
            long at = driver.await(id);
            h.recordValue(Math.min(Math.max(0, at - start), h.getHighestTrackableValue()));
            driver.await(driver.leave(room, k));
        }
        return h;
    }

    /** Repeated bounded groupchat floods until stopped; counts the stanzas out and the time. */
    private static final class Flood implements Runnable {
        private final WindowedLoad load;
        private final int window;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean stop;
        private long stanzas;
        private double seconds;

        Flood(WindowedLoad load, int window) {
            this.load = load;
            this.window = window;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    LoadResult r = load.run(FLOOD_CHUNK, window);
                    stanzas += r.received();
                    seconds += r.seconds();
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }

        void rethrow() throws Exception {
            if (failure.get() != null) {
                throw failure.get();
            }
        }

        double stanzasPerSecond() {
            return seconds == 0 ? Double.NaN : stanzas / seconds;
        }
    }
}
