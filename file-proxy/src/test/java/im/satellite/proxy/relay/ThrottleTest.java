package im.satellite.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The per-direction rate limit: pauses that keep the average at the configured bytes per second. */
class ThrottleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void pausesForTheTimeTheBytesAreWorth() {
        Throttle t = new Throttle(1_000_000);
        assertEquals(SECOND / 10, t.onRead(100_000, 0), "100 kB at 1 MB/s is worth 100 ms");
        assertEquals(SECOND / 5, t.onRead(100_000, 0), "a second read at once waits for both");
    }

    @Test
    void doesNotCreditIdleTime() {
        Throttle t = new Throttle(1_000_000);
        t.onRead(100_000, 0);
        assertEquals(SECOND / 10, t.onRead(100_000, 10 * SECOND), "a pause earns no burst allowance");
    }

    @Test
    void skipsPausesUnderAMillisecond() {
        Throttle t = new Throttle(1_000_000_000);
        assertEquals(0, t.onRead(1000, 0));
    }
}
