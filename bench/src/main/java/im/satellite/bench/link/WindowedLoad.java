package im.satellite.bench.link;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * A bounded request loop over a {@link DriverLink}: writes {@code count} stanzas of a {@link Workload} as fast
 * as the component answers, with at most {@code window} stanzas whose replies are not all in yet (window 1 is
 * ping-pong: the unloaded round trip). Stanzas are batched into 64 KiB writes while the window allows.
 * Latency is measured per reply, from the moment its stanza was written into the batch, looked up by id. The run
 * ends when every expected reply has arrived, or fails after {@code timeout} without progress.
 */
public final class WindowedLoad {
    private static final int BATCH = 64 * 1024;
    private final DriverLink link;
    private final Workload workload;
    private final Duration timeout;

    public WindowedLoad(DriverLink link, Workload workload, Duration timeout) {
        this.link = link;
        this.workload = workload;
        this.timeout = timeout;
    }

    /** Runs {@code count} stanzas with at most {@code window} outstanding. */
    public LoadResult run(long count, int window) throws IOException, InterruptedException {
        int replies = workload.repliesPerStanza();
        int slots = Integer.highestOneBit(Math.max(1024, window * 4) - 1) << 1;
        AtomicLongArray sentAt = new AtomicLongArray(slots);
        int mask = slots - 1;
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Semaphore permits = new Semaphore(window);
        LongAdder received = new LongAdder();
        long[] replyCount = new long[1];
        long expected = count * replies;
        link.listen(id -> {
            if (id < 0) {
                return;
            }
            long now = System.nanoTime();
            latency.recordValue(Math.min(Math.max(0, now - sentAt.get((int) (id & mask))), latency.getHighestTrackableValue()));
            received.increment();
            if (++replyCount[0] % replies == 0) {
                permits.release();
            }
        });
        byte[] buf = new byte[BATCH];
        int pos = 0;
        int max = workload.maxStanzaBytes();
        long start = System.nanoTime();
        try {
            for (long seq = 0; seq < count; seq++) {
                if (!permits.tryAcquire()) {
                    link.write(buf, 0, pos);
                    pos = 0;
                    if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IOException("no reply for " + timeout + " after " + received.sum() + " of "
                                + expected + " replies");
                    }
                }
                if (pos + max > buf.length) {
                    link.write(buf, 0, pos);
                    pos = 0;
                }
                sentAt.set((int) (seq & mask), System.nanoTime());
                pos += workload.write(seq, buf, pos);
            }
            link.write(buf, 0, pos);
            long last = received.sum();
            long lastProgress = System.nanoTime();
            while (last < expected) {
                Thread.sleep(1);
                long now = received.sum();
                if (now != last) {
                    last = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    throw new IOException("stalled at " + now + " of " + expected + " replies");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new LoadResult(count, received.sum(), seconds, latency);
        } finally {
            link.listen(null);
        }
    }
}
