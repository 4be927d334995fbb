package im.satellite.irc.client;

import java.util.ArrayDeque;

/**
 * Paces the connection attempts to one IRC network: at most {@code limit} connections are connecting or registering at
 * once, the others wait their turn in order. IRC servers take new connections through a short accept queue (ngircd
 * listens with a backlog of 10) and throttle bursts from one address; without pacing, many users joining at once (or
 * a gateway restart) lose SYNs, wait for TCP's retransmits and can run into the connect timeout. Thread-safe.
 */
public final class ConnectGate {
    private final int limit;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    public ConnectGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit >= 1 required");
        }
        this.limit = limit;
    }

    /** No pacing: every attempt runs at once. */
    public static ConnectGate unlimited() {
        return new ConnectGate(Integer.MAX_VALUE);
    }

    /**
     * Runs {@code attempt} now if fewer than {@code limit} attempts are in flight, otherwise on the thread of the
     * {@link #release()} that makes room. Each attempt that ran must be followed by exactly one {@code release()}.
     */
    public void enter(Runnable attempt) {
        synchronized (this) {
            if (inFlight >= limit) {
                waiting.add(attempt);
                return;
            }
            inFlight++;
        }
        attempt.run();
    }

    /** An attempt finished (registered, failed or closed): the next waiting one runs. */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        next.run();
    }

    /** Attempts in flight, for tests. */
    synchronized int inFlight() {
        return inFlight;
    }

    /** Attempts waiting, for tests. */
    synchronized int waiting() {
        return waiting.size();
    }
}
