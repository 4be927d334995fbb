package im.satellite.proxy.relay;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many relays may run at once, in total and per initiator, and the per-transfer rate and size limits (after
 * Tigase's {@code LimitsVerifier}; XEP-0065 §10 advises proxies to limit what one entity can do). Slots are taken on
 * activation and given back when the relay ends; safe from any thread.
 */
public final class TransferLimits {
    private final int maxTotal;
    private final int maxPerUser;
    private final long bytesPerSecond;
    private final long maxBytes;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perUser = new ConcurrentHashMap<>();

    /**
     * @param maxTotal       concurrent relays at most
     * @param maxPerUser     concurrent relays at most per user (bare JID of the initiator)
     * @param bytesPerSecond rate limit of each direction of a relay; 0 for none
     * @param maxBytes       bytes per relay, both directions together; 0 for none
     */
    public TransferLimits(int maxTotal, int maxPerUser, long bytesPerSecond, long maxBytes) {
        if (maxTotal < 1 || maxPerUser < 1 || bytesPerSecond < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxTotal = maxTotal;
        this.maxPerUser = maxPerUser;
        this.bytesPerSecond = bytesPerSecond;
        this.maxBytes = maxBytes;
    }

    /** Takes a slot for {@code user}; empty on success, otherwise why not. Give it back with {@link #release}. */
    public Optional<String> tryAcquire(String user) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Optional.of("the proxy is relaying its maximum of " + maxTotal + " transfers");
        }
        AtomicInteger mine = perUser.computeIfAbsent(user, u -> new AtomicInteger());
        if (mine.incrementAndGet() > maxPerUser) {
            release(user);
            return Optional.of("at most " + maxPerUser + " concurrent transfers per user");
        }
        return Optional.empty();
    }

    /** Gives back a slot taken by {@link #tryAcquire}. */
    public void release(String user) {
        total.decrementAndGet();
        perUser.computeIfPresent(user, (u, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Relays running now. */
    public int active() {
        return total.get();
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** The most bytes one relay may carry; 0 for no limit. */
    public long maxBytes() {
        return maxBytes;
    }

    /** A rate limiter for one direction of one relay, or null when there is no rate limit. */
    Throttle newThrottle() {
        return bytesPerSecond == 0 ? null : new Throttle(bytesPerSecond);
    }
}
