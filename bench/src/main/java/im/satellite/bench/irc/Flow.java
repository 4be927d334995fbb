package im.satellite.bench.irc;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One bounded, windowed message run, whichever side sends and counts: the sender calls {@link #beforeSend} for
 * message {@code seq} (at most {@code window} messages whose copies have not all arrived), the receivers call
 * {@link #arrived} with the seq they read back from each copy (any thread), and {@link #await} returns once all
 * {@code count × copies} copies are in, or fails after {@code timeout} without progress. Latency runs from
 * {@code beforeSend} (the message put into the sender's batch) to each copy's arrival.
 */
final class Flow {
    /** The outcome: messages sent per second, copies received per second, latency percentiles. */
    record Result(long sent, long received, double seconds, Histogram latencyNanos) {
        double sentPerSecond() {
            return sent / seconds;
        }

        double receivedPerSecond() {
            return received / seconds;
        }

        double latencyMicros(double percentile) {
            return latencyNanos.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final long count;
    private final int copies;
    private final Duration timeout;
    private final AtomicLongArray sentAt;
    private final int mask;
    private final Semaphore permits;
    private final AtomicLong received = new AtomicLong();
    private final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(120), 3);
    private long start;

    Flow(long count, int window, int copies, Duration timeout) {
        this.count = count;
        this.copies = copies;
        this.timeout = timeout;
        int slots = Integer.highestOneBit(Math.max(1024, window * 8) - 1) << 1;
        this.sentAt = new AtomicLongArray(slots);
        this.mask = slots - 1;
        this.permits = new Semaphore(window);
    }

    /** Waits for room in the window (running {@code flush} first if it has to wait), then stamps {@code seq}. */
    void beforeSend(long seq, IoAction flush) throws IOException, InterruptedException {
        if (start == 0) {
            start = System.nanoTime();
        }
        if (!permits.tryAcquire()) {
            flush.run();
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("nothing arrived for " + timeout + " after " + received.get() + " of "
                        + count * copies + " copies");
            }
        }
        sentAt.set((int) (seq & mask), System.nanoTime());
    }

    /** A copy of message {@code seq} arrived. */
    void arrived(long seq) {
        long now = System.nanoTime();
        latency.recordValue(Math.min(Math.max(0, now - sentAt.get((int) (seq & mask))),
                latency.getHighestTrackableValue()));
        if (received.incrementAndGet() % copies == 0) {
            permits.release();
        }
    }

    /** Waits until every copy has arrived. */
    Result await() throws IOException, InterruptedException {
        long expected = count * copies;
        long last = received.get();
        long lastProgress = System.nanoTime();
        while (last < expected) {
            Thread.sleep(1);
            long now = received.get();
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                throw new IOException("stalled at " + now + " of " + expected + " copies");
            }
        }
        return new Result(count, last, (System.nanoTime() - start) / 1e9, latency);
    }

    /** A write that may fail. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }
}
