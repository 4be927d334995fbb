package im.satellite.irc.client;

/**
 * Flood control toward an IRC server: {@code burst} lines may leave at once, then one per {@code intervalNanos}
 * (the classic ircII/irssi scheme servers are tuned for). Not thread-safe; owned by one connection's event loop.
 */
public final class TokenBucket {
    private final int burst;
    private final long intervalNanos;
    private double tokens;
    private long last;

    public TokenBucket(int burst, long intervalNanos, long nowNanos) {
        if (burst < 1 || intervalNanos < 0) {
            throw new IllegalArgumentException("burst >= 1 and interval >= 0 required");
        }
        this.burst = burst;
        this.intervalNanos = intervalNanos;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Nanoseconds until a token is available (0 when one is). */
    public long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * intervalNanos);
    }

    private void refill(long nowNanos) {
        if (intervalNanos == 0) {
            tokens = burst;
            return;
        }
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + (double) elapsed / intervalNanos);
            last = nowNanos;
        }
    }
}
