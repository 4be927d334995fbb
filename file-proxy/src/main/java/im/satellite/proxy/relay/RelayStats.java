package im.satellite.proxy.relay;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters admins see through the XEP-0050 statistics command and the periodic log line: relays running (XEP-0065
 * §6.3.6 activations not yet ended), bytes relayed, relays finished and connections refused since start. Updated
 * from the event loops without locks.
 */
public final class RelayStats {
    private final AtomicInteger active = new AtomicInteger();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder finished = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /** A snapshot of the counters. */
    public record Snapshot(int activeTransfers, int waitingConnections, long bytesRelayed, long finishedTransfers,
                           long refusedConnections) {
    }

    void started() {
        active.incrementAndGet();
    }

    void relayed(long n) {
        bytes.add(n);
    }

    void finished() {
        active.decrementAndGet();
        finished.increment();
    }

    /** A SOCKS5 connection was refused (third with one hash, hostile bytes, limits). */
    public void refused() {
        refused.increment();
    }

    public Snapshot snapshot(int waitingConnections) {
        return new Snapshot(active.get(), waitingConnections, bytes.sum(), finished.sum(), refused.sum());
    }
}
