package im.satellite.bench.muc;

import im.satellite.bench.link.EchoWorkload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Groupchat through a real server: message {@code seq} is sent by client {@code seq % clients} to its room
 * ({@code room<i % rooms>} of the given service) with a numeric id, and counted as delivered at each occupant of
 * that room (the sender included) that receives a stanza with that id. At most {@code window} messages are in
 * flight: a message's slot is free again once all its room's occupants have it. Latency is from the write to each
 * delivery. Ids of each run are fresh (a run base plus seq), so a late stanza of an earlier run is not counted.
 */
final class GroupchatFlood {
    private static final int SLOTS = 1 << 16;
    private final List<RawClient> clients;
    private final int rooms;
    private final int[] roomSize;
    private final Duration timeout;
    private final AtomicLongArray sentAt = new AtomicLongArray(SLOTS);
    private final AtomicIntegerArray deliveries = new AtomicIntegerArray(SLOTS);
    private final Histogram[] latency;
    private final LongAdder delivered = new LongAdder();
    private volatile long base = Long.MAX_VALUE;
    private volatile long count;
    private volatile Semaphore permits = new Semaphore(0);

    /** Starts every client's receive thread. */
    GroupchatFlood(List<RawClient> clients, int rooms, Duration timeout) throws IOException {
        this.clients = clients;
        this.rooms = rooms;
        this.timeout = timeout;
        this.roomSize = new int[rooms];
        this.latency = new Histogram[clients.size()];
        for (int i = 0; i < clients.size(); i++) {
            roomSize[i % rooms]++;
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            latency[i] = h;
            clients.get(i).startReceiving(id -> received(id, h), "e2e-client-" + i);
        }
    }

    /** The outcome of a run: deliveries, seconds from the first write to the last delivery, latency. */
    record Result(long deliveries, double seconds, Histogram latency) {
    }

    private void received(long id, Histogram h) {
        long seq = id - base;
        if (id < 0 || seq < 0 || seq >= count) {
            return;
        }
        int slot = (int) (seq & (SLOTS - 1));
        long now = System.nanoTime();
        synchronized (h) {
            h.recordValue(Math.min(Math.max(0, now - sentAt.get(slot)), h.getHighestTrackableValue()));
        }
        delivered.increment();
        if (deliveries.incrementAndGet(slot) == roomSize[(int) (seq % clients.size()) % rooms]) {
            deliveries.set(slot, 0);
            permits.release();
        }
    }

    /** Sends {@code messages} groupchat messages to the rooms of {@code service}, at most {@code window} at once. */
    Result run(String service, long messages, int window) throws IOException, InterruptedException {
        if (window > SLOTS / 2) {
            throw new IllegalArgumentException("window too large");
        }
        for (Histogram h : latency) {
            synchronized (h) {
                h.reset();
            }
        }
        delivered.reset();
        permits = new Semaphore(window);
        long expected = 0;
        for (long seq = 0; seq < messages; seq++) {
            expected += roomSize[(int) (seq % clients.size()) % rooms];
        }
        count = messages;
        base = base == Long.MAX_VALUE ? 1_000_000_000L : base + 1_000_000_000L;
        byte[][] prefixes = new byte[clients.size()][];
        for (int i = 0; i < clients.size(); i++) {
            prefixes[i] = ("<message to='room" + (i % rooms) + "@" + service + "' type='groupchat' id='")
                    .getBytes(StandardCharsets.UTF_8);
        }
        byte[] suffix = "'><body>The quick brown fox jumps over the lazy dog.</body></message>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[512];
        long start = System.nanoTime();
        for (long seq = 0; seq < messages; seq++) {
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("no delivery for " + timeout + " after " + delivered.sum() + " of " + expected
                        + " deliveries");
            }
            int sender = (int) (seq % clients.size());
            byte[] prefix = prefixes[sender];
            System.arraycopy(prefix, 0, buf, 0, prefix.length);
            int pos = EchoWorkload.writeDecimal(base + seq, buf, prefix.length);
            System.arraycopy(suffix, 0, buf, pos, suffix.length);
            pos += suffix.length;
            byte[] stanza = java.util.Arrays.copyOf(buf, pos);
            sentAt.set((int) (seq & (SLOTS - 1)), System.nanoTime());
            clients.get(sender).write(stanza);
        }
        long last = delivered.sum();
        long lastProgress = System.nanoTime();
        while (last < expected) {
            Thread.sleep(1);
            long now = delivered.sum();
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                throw new IOException("stalled at " + now + " of " + expected + " deliveries");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (Histogram h : latency) {
            synchronized (h) {
                all.add(h);
            }
        }
        return new Result(delivered.sum(), seconds, all);
    }
}
