package im.satellite.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent transfers per user and in total (issue: per-transfer and per-user limits). */
class TransferLimitsTest {

    @Test
    void perUserLimitHoldsUnderConcurrentAcquireAndRelease() throws Exception {
        TransferLimits limits = new TransferLimits(1000, 3, 0, 0);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    if (limits.tryAcquire("alice@localhost").isEmpty()) {
                        int now = held.incrementAndGet();
                        maxSeen.accumulateAndGet(now, Math::max);
                        held.decrementAndGet();
                        limits.release("alice@localhost");
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        start.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertTrue(maxSeen.get() <= 3, "never more than 3 at once for one user, saw " + maxSeen.get());
        assertEquals(0, limits.active());
    }

    @Test
    void refusesPastTheTotalAndPerUserLimits() {
        TransferLimits limits = new TransferLimits(2, 1, 0, 0);
        assertTrue(limits.tryAcquire("a@x").isEmpty());
        assertTrue(limits.tryAcquire("a@x").isPresent(), "one per user");
        assertTrue(limits.tryAcquire("b@x").isEmpty());
        assertTrue(limits.tryAcquire("c@x").isPresent(), "two in total");
        limits.release("a@x");
        assertTrue(limits.tryAcquire("c@x").isEmpty());
        assertEquals(2, limits.active());
    }
}
