package im.satellite.proxy.relay;

/**
 * A rate limit for one direction of a relay: after each read, how long reading must pause so that the average
 * stays at or below the configured bytes per second. Confined to the reading channel's event loop.
 */
final class Throttle {
    private final long bytesPerSecond;
    /** The earliest time (System.nanoTime scale) at which the bytes read so far are "paid for". */
    private long paidUntil;
    private boolean started;

    Throttle(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be positive");
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Accounts for {@code bytes} read at {@code now}; returns how many nanoseconds to pause reading (0 for none). */
    long onRead(long bytes, long now) {
        if (!started || paidUntil - now < 0) {
            paidUntil = now;
            started = true;
        }
        paidUntil += bytes * 1_000_000_000L / bytesPerSecond;
        long wait = paidUntil - now;
        // Pauses shorter than a millisecond cost more in timer churn than they gain in precision.
        return wait > 1_000_000L ? wait : 0;
    }
}
