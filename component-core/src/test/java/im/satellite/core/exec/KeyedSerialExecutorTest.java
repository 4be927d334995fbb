package im.satellite.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedSerialExecutorTest {

    @Test
    void tasksOfOneKeyRunInOrderOneAtATime() throws Exception {
        KeyedSerialExecutor ex = new KeyedSerialExecutor("t", 4, 1_000_000, p -> { });
        int keys = 8;
        int perKey = 2_000;
        List<List<Integer>> seen = new ArrayList<>();
        AtomicInteger[] running = new AtomicInteger[keys];
        AtomicInteger overlaps = new AtomicInteger();
        for (int k = 0; k < keys; k++) {
            seen.add(Collections.synchronizedList(new ArrayList<>()));
            running[k] = new AtomicInteger();
        }
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                int key = k;
                int n = i;
                ex.execute("room" + k, () -> {
                    if (running[key].incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.get(key).add(n);
                    running[key].decrementAndGet();
                });
            }
        }
        assertTrue(ex.shutdown(10_000));
        assertEquals(0, overlaps.get(), "no two tasks of one key ran at the same time");
        for (int k = 0; k < keys; k++) {
            List<Integer> s = seen.get(k);
            assertEquals(perKey, s.size());
            for (int i = 0; i < perKey; i++) {
                assertEquals(i, s.get(i), "key " + k + " ran out of order");
            }
        }
        assertEquals(0, ex.activeLanes(), "idle lanes are removed");
    }

    @Test
    void differentKeysRunInParallel() throws Exception {
        KeyedSerialExecutor ex = new KeyedSerialExecutor("t", 2, 1000, p -> { });
        CountDownLatch both = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (String k : List.of("a", "b")) {
            ex.execute(k, () -> {
                both.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(both.await(5, TimeUnit.SECONDS), "a blocked lane does not hold up another key");
        release.countDown();
        assertTrue(ex.shutdown(5000));
    }

    @Test
    void aBusyLaneDoesNotStarveOthers() throws Exception {
        KeyedSerialExecutor ex = new KeyedSerialExecutor("t", 1, 1_000_000, p -> { });
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        ex.execute("busy", () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 500; i++) {
            ex.execute("busy", () -> order.add("busy"));
        }
        ex.execute("quiet", () -> order.add("quiet"));
        gate.countDown();
        assertTrue(ex.shutdown(5000));
        assertTrue(order.indexOf("quiet") <= KeyedSerialExecutor.BATCH,
                "the quiet lane ran after at most one batch of the busy one, at " + order.indexOf("quiet"));
    }

    @Test
    void pressureIsSignalledAboveHighWaterAndReleasedWhenDrained() throws Exception {
        List<Boolean> signals = new CopyOnWriteArrayList<>();
        KeyedSerialExecutor ex = new KeyedSerialExecutor("t", 1, 10, signals::add);
        CountDownLatch gate = new CountDownLatch(1);
        ex.execute("k", () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 20; i++) {
            ex.execute("k", () -> { });
        }
        assertEquals(List.of(true), signals);
        gate.countDown();
        assertTrue(ex.shutdown(5000));
        assertEquals(List.of(true, false), signals);
    }

    @Test
    void aFailingTaskDoesNotStopItsLane() throws Exception {
        KeyedSerialExecutor ex = new KeyedSerialExecutor("t", 1, 100, p -> { });
        AtomicInteger ran = new AtomicInteger();
        ex.execute("k", () -> {
            throw new IllegalStateException("expected by the test");
        });
        ex.execute("k", ran::incrementAndGet);
        assertTrue(ex.shutdown(5000));
        assertEquals(1, ran.get());
    }
}
