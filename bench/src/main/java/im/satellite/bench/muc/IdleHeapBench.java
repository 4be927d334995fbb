package im.satellite.bench.muc;

import im.satellite.bench.ResultTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heap per idle room and per idle occupant, measured in the Satellite child process: heap used after a full GC
 * (MemoryMXBean) before, after creating {@code rooms} temporary rooms with their owner as only occupant, and after
 * {@code occupants - 1} more occupants joined each (full presence broadcast, no messages). Per room is the first
 * difference divided by the rooms (so it includes the owner), per occupant the second divided by the newcomers.
 * Each repetition uses a fresh child.
 */
final class IdleHeapBench {
    static final String SATELLITE = "satellite muc";
    static final String TARGET = "target (issue 7)";
    static final String ROOM = "bytes per idle room (with its owner)";
    static final String OCCUPANT = "bytes per idle occupant";
    private static final Logger log = LoggerFactory.getLogger(IdleHeapBench.class);

    private IdleHeapBench() {
    }

    static ResultTable run(Settings s, int rooms, int occupants) throws Exception {
        ResultTable t = new ResultTable(String.format(Locale.ROOT, "muc: heap of idle rooms, %,d rooms of %d"
                + " occupants, heap used after GC in the Satellite process, %d runs", rooms, occupants, s.repeat()),
                List.of(ROOM, OCCUPANT));
        for (int run = 1; run <= s.repeat(); run++) {
            LinkedChild muc = s.child("heap-muc-" + run, "muc", s.work().resolve("heap-" + run + ".db"), "");
            try {
                MucDriver driver = new MucDriver(muc.link(), s.timeout());
                // One room first, so that the classes and caches of a first join are not counted.
                driver.fillRoom("warm", 1_000_000_000L, occupants, Map.of());
                long h0 = muc.process().heapAfterGc();
                long from = driver.nextId();
                for (int r = 0; r < rooms; r++) {
                    driver.join("h" + r, (long) r * occupants);
                }
                driver.awaitAll(from, driver.nextId());
                from = driver.nextId();
                for (int r = 0; r < rooms; r++) {
                    driver.configure("h" + r, (long) r * occupants, Map.of());
                }
                driver.awaitAll(from, driver.nextId());
                long h1 = muc.process().heapAfterGc();
                from = driver.nextId();
                for (int i = 1; i < occupants; i++) {
                    for (int r = 0; r < rooms; r++) {
                        driver.join("h" + r, (long) r * occupants + i);
                    }
                }
                driver.awaitAll(from, driver.nextId());
                long h2 = muc.process().heapAfterGc();
                t.cell(SATELLITE, ROOM).add((double) (h1 - h0) / rooms);
                if (occupants > 1) {
                    t.cell(SATELLITE, OCCUPANT).add((double) (h2 - h1) / ((long) rooms * (occupants - 1)));
                    t.cell(TARGET, OCCUPANT).add(2048);
                }
                log.info("heap: {} MiB before, {} MiB with {} rooms, {} MiB with {} occupants each", h0 >> 20,
                        h1 >> 20, rooms, h2 >> 20, occupants);
            } finally {
                s.release(muc);
            }
        }
        t.ratio(OCCUPANT, SATELLITE, TARGET);
        return t;
    }
}
