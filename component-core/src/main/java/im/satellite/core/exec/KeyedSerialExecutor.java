package im.satellite.core.exec;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks in order per key, and tasks of different keys in parallel on a bounded pool of threads (STYLE 7.3).
 *
 * <p>Every key (a room's bare JID, a user's bridge) gets a lane: its tasks run one at a time, in submission order, so
 * the state behind a key needs no locks. A lane exists only while it has work. A lane that has run
 * {@value #BATCH} tasks in a row yields its thread, so one busy room cannot starve the others.
 *
 * <p>Backpressure: when more than {@code highWater} tasks are pending in total, the pressure listener is told
 * {@code true} (the component link then stops reading from the server); when the backlog falls under half of that, it
 * is told {@code false}. Nothing is ever rejected or run on the caller's thread.
 */
public final class KeyedSerialExecutor {
    private static final Logger log = LoggerFactory.getLogger(KeyedSerialExecutor.class);
    static final int BATCH = 64;

    private final ExecutorService pool;
    private final ConcurrentHashMap<Object, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final int highWater;
    private final Consumer<Boolean> pressure;
    private volatile boolean pressured;
    private volatile boolean shutdown;

    /**
     * @param name      thread name prefix, e.g. {@code muc-lane}
     * @param threads   pool size
     * @param highWater pending tasks above which the pressure listener is told to pause input
     * @param pressure  told {@code true} to pause input and {@code false} to resume; may be a no-op
     */
    public KeyedSerialExecutor(String name, int threads, int highWater, Consumer<Boolean> pressure) {
        if (threads < 1 || highWater < 2) {
            throw new IllegalArgumentException("threads >= 1 and highWater >= 2 required");
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.highWater = highWater;
        this.pressure = Objects.requireNonNull(pressure);
    }

    /** Queues {@code task} on the lane of {@code key}. */
    public void execute(Object key, Runnable task) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(task, "task");
        if (shutdown) {
            throw new RejectedExecutionException("executor is shut down");
        }
        Lane[] toSchedule = new Lane[1];
        lanes.compute(key, (k, lane) -> {
            Lane l = lane != null ? lane : new Lane(k);
            l.tasks.add(task);
            if (!l.scheduled) {
                l.scheduled = true;
                toSchedule[0] = l;
            }
            return l;
        });
        if (pending.incrementAndGet() > highWater && !pressured) {
            setPressure(true);
        }
        if (toSchedule[0] != null) {
            pool.execute(toSchedule[0]);
        }
    }

    /** Tasks queued or running across all lanes. */
    public int pending() {
        return pending.get();
    }

    /** Lanes that currently have work. */
    public int activeLanes() {
        return lanes.size();
    }

    /** Stops accepting tasks, lets queued ones finish, and waits up to {@code millis} for them. */
    public boolean shutdown(long millis) throws InterruptedException {
        shutdown = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        pool.shutdown();
        return pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                && pending.get() == 0;
    }

    private synchronized void setPressure(boolean on) {
        boolean now = on ? pending.get() > highWater : pending.get() < highWater / 2;
        if (now && pressured != on) {
            pressured = on;
            log.debug("lanes {}: {} tasks pending", on ? "overloaded, pausing input" : "drained, resuming input",
                    pending.get());
            pressure.accept(on);
        }
        // The lanes may have drained while we paused; they saw pressured == false and did not resume.
        if (pressured && pending.get() < highWater / 2) {
            pressured = false;
            pressure.accept(false);
        }
    }

    private final class Lane implements Runnable {
        private final Object key;
        /** Guarded by the map's compute lock for this key. */
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private boolean scheduled;

        Lane(Object key) {
            this.key = key;
        }

        @Override
        public void run() {
            for (int i = 0; i < BATCH; i++) {
                Runnable next = poll();
                if (next == null) {
                    return;
                }
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    log.error("Task on lane {} failed: {}", key, e.toString(), e);
                } finally {
                    if (pending.decrementAndGet() < highWater / 2 && pressured) {
                        setPressure(false);
                    }
                }
            }
            // Yield the thread but keep our place: re-queue behind the other lanes if work remains.
            if (stillScheduled()) {
                try {
                    pool.execute(this);
                } catch (RejectedExecutionException e) {
                    log.warn("Lane {} still had work when its pool shut down", key);
                }
            }
        }

        /** The next task, or null after unscheduling (and removing) this lane when it is empty. */
        private Runnable poll() {
            Runnable[] out = new Runnable[1];
            lanes.compute(key, (k, l) -> {
                Runnable r = tasks.poll();
                if (r == null) {
                    scheduled = false;
                    return null;
                }
                out[0] = r;
                return l;
            });
            return out[0];
        }

        private boolean stillScheduled() {
            boolean[] more = new boolean[1];
            lanes.compute(key, (k, l) -> {
                if (tasks.isEmpty()) {
                    scheduled = false;
                    return null;
                }
                more[0] = true;
                return l;
            });
            return more[0];
        }
    }
}
