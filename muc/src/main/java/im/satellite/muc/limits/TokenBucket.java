package im.satellite.muc.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code size} tokens, one more every {@code interval} up to the size; each message takes one.
 * Lane-confined (it lives in an occupant).
 */
public final class TokenBucket {
    private final int size;
    private final long intervalNanos;
    private double tokens;
    private Instant last;

    public TokenBucket(int size, Duration interval, Instant now) {
        this.size = size;
        this.intervalNanos = interval.toNanos();
        this.tokens = size;
        this.last = now;
    }

    /** Takes a token if there is one. */
    public boolean take(Instant now) {
        long elapsed = Duration.between(last, now).toNanos();
        if (elapsed > 0) {
            tokens = Math.min(size, tokens + (double) elapsed / intervalNanos);
            last = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
