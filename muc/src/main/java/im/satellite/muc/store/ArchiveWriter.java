package im.satellite.muc.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for room archives (see CONCURRENCY.md): rooms hand rows over from their lanes and return at once; one
 * thread ({@code muc-archive}) takes everything queued, up to {@value #MAX_BATCH} rows, and appends it in a single
 * transaction, then tells each row's owner whether it committed. A room broadcasts a message only when told it
 * committed, so no occupant ever sees a message a crash could lose. The same thread runs the retention purge, so
 * archive writes never wait for each other on the database's write lock.
 *
 * <p>Backpressure: when more than {@code highWater} rows and purges are waiting (the database is slow or stalls, e.g.
 * locked by another process), the pressure listener is told {@code true} and the link stops reading from the server,
 * so the backlog held in memory stays bounded instead of growing until the heap runs out; under half of that, it is
 * told {@code false}. Nothing is refused or dropped.
 */
public final class ArchiveWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveWriter.class);
    static final int MAX_BATCH = 500;
    /** Rows waiting above which the service asks the link to stop reading (seconds of a busy server's messages). */
    public static final int DEFAULT_HIGH_WATER = 10_000;

    private final ArchiveStore store;
    private final Clock clock;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong rowsWritten = new java.util.concurrent.atomic.AtomicLong();
    private final Thread thread;
    private final int highWater;
    private final Consumer<Boolean> pressure;
    private volatile boolean pressured;
    private volatile boolean closed;

    private record Append(ArchiveStore.Row row, Consumer<Boolean> done) {
    }

    private record Purge(Duration retention) {
    }

    private static final Object STOP = new Object();

    public ArchiveWriter(ArchiveStore store, Clock clock) {
        this(store, clock, DEFAULT_HIGH_WATER, paused -> { });
    }

    /**
     * @param highWater rows and purges waiting above which {@code pressure} is told to pause input
     * @param pressure  told {@code true} to pause reading from the server and {@code false} to resume
     */
    public ArchiveWriter(ArchiveStore store, Clock clock, int highWater, Consumer<Boolean> pressure) {
        if (highWater < 2) {
            throw new IllegalArgumentException("highWater must be at least 2");
        }
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.highWater = highWater;
        this.pressure = Objects.requireNonNull(pressure);
        this.thread = new Thread(this::run, "muc-archive");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a row. {@code done} is called on the writer's thread, after the batch holding the row committed
     * ({@code true}) or failed ({@code false}); it must only hand work back (to the room's lane).
     */
    public void append(ArchiveStore.Row row, Consumer<Boolean> done) {
        Objects.requireNonNull(done);
        if (closed) {
            done.accept(false);
            return;
        }
        added();
        queue.add(new Append(Objects.requireNonNull(row), done));
    }

    /** Queues a purge of rows older than {@code retention}. */
    public void purge(Duration retention) {
        if (!closed) {
            added();
            queue.add(new Purge(retention));
        }
    }

    /** Rows and purges queued or being written (for tests: zero once everything handed over is done). */
    public int pending() {
        return pending.get();
    }

    /**
     * Waits (at most {@code max}) until everything handed over is written and reported, so that the reports are
     * queued on the rooms' lanes ahead of whatever is queued next (shutdown: the 332 goodbyes follow the held
     * messages). Blocks the caller: only for shutdown.
     */
    public void awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Transactions committed so far (each holds one batch of rows). */
    public long commits() {
        return commits.get();
    }

    /** Rows committed so far; {@code rows() / commits()} is the mean batch size. */
    public long rows() {
        return rowsWritten.get();
    }

    private void added() {
        if (pending.incrementAndGet() > highWater && !pressured) {
            setPressure(true);
        }
    }

    private void done() {
        if (pending.decrementAndGet() < highWater / 2 && pressured) {
            setPressure(false);
        }
    }

    /** Whether the writer is asking for input to pause (for tests). */
    public boolean pressured() {
        return pressured;
    }

    private synchronized void setPressure(boolean on) {
        int now = pending.get();
        if (on ? now > highWater : now < highWater / 2) {
            if (pressured != on) {
                pressured = on;
                if (on) {
                    log.warn("Archive writes are {} behind (the database is slow or stalled): reading from the server"
                            + " paused until they catch up", now);
                } else {
                    log.info("Archive writes caught up ({} waiting): reading from the server resumed", now);
                }
                pressure.accept(on);
            }
        }
        // The writer may have caught up while we paused; it saw pressured == false and did not resume.
        if (pressured && pending.get() < highWater / 2) {
            pressured = false;
            log.info("Archive writes caught up: reading from the server resumed");
            pressure.accept(false);
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            List<Append> rows = new ArrayList<>();
            boolean stop = false;
            for (Object op : batch) {
                if (op == STOP) {
                    stop = true;
                } else if (op instanceof Append a) {
                    rows.add(a);
                } else if (op instanceof Purge p) {
                    commit(rows);
                    rows.clear();
                    purge(p);
                }
            }
            commit(rows);
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Append> rows) {
        if (rows.isEmpty()) {
            return;
        }
        boolean ok;
        try {
            store.append(rows.stream().map(Append::row).toList());
            ok = true;
            commits.incrementAndGet();
            rowsWritten.addAndGet(rows.size());
        } catch (RuntimeException e) {
            log.error("Archiving {} message(s) failed; they are not broadcast: {}", rows.size(), e.toString());
            log.debug("Stack trace", e);
            ok = false;
        }
        for (Append a : rows) {
            try {
                a.done().accept(ok);
            } catch (RuntimeException e) {
                log.warn("Archive commit callback failed: {}", e.toString());
            } finally {
                done();
            }
        }
    }

    private void purge(Purge p) {
        try {
            int n = store.purge(clock.instant().minus(p.retention()));
            if (n > 0) {
                log.info("Archive retention: deleted {} message(s) older than {}", n, p.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Archive purge failed: {}", e.toString());
        } finally {
            done();
        }
    }

    /** Writes what is queued, then stops the thread (graceful shutdown: nothing handed over is dropped). */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Archive writer stopped: {} message(s) archived in {} transaction(s)", rowsWritten.get(), commits.get());
    }
}
