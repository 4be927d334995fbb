package im.satellite.proxy.relay;

import im.satellite.proxy.socks5.StreamHash;
import io.netty.channel.Channel;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SOCKS5 connections by their DST.ADDR hash, from CONNECT until their relay ends (XEP-0065 §6.3.2–§6.3.6). The
 * first and second connection with a hash form a pair; any further one is refused (§8.1: "allow only one Target to
 * connect to a bytestream"). The map is the only state shared between the event loops (which register and
 * unregister connections) and the host lane (which claims a pair on activation); every change is one atomic
 * {@code compute}, so no lock is held and no two threads can both claim a pair.
 */
public final class PendingStreams {
    /** What happened to a connection that asked to join a hash. */
    public enum Registration { FIRST, SECOND, REFUSED }

    /** What an activation found. */
    public sealed interface Claim {
        /** No connection has this hash: unknown stream, or the requester's JID is not the one hashed. */
        record Unknown() implements Claim { }

        /** Only one side is connected. */
        record OneSide() implements Claim { }

        /** The pair was already activated. */
        record AlreadyActive() implements Claim { }

        /** Both sides are here and now belong to the caller, who must start or abort their relay. */
        record Pair(Channel first, Channel second) implements Claim { }
    }

    private record Slot(Channel first, Channel second, boolean activated) {
        int size() {
            return (first != null ? 1 : 0) + (second != null ? 1 : 0);
        }
    }

    private final ConcurrentHashMap<StreamHash, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    /** Adds a connection that sent CONNECT with {@code hash}. */
    public Registration register(StreamHash hash, Channel ch) {
        Objects.requireNonNull(ch, "ch");
        Registration[] out = new Registration[1];
        slots.compute(hash, (h, s) -> {
            if (s == null) {
                out[0] = Registration.FIRST;
                return new Slot(ch, null, false);
            }
            if (!s.activated() && s.size() == 1) {
                out[0] = Registration.SECOND;
                return s.first() != null ? new Slot(s.first(), ch, false) : new Slot(ch, null, false);
            }
            out[0] = Registration.REFUSED;
            return s;
        });
        if (out[0] != Registration.REFUSED) {
            waiting.incrementAndGet();
        }
        return out[0];
    }

    /** A waiting connection went away before activation; an activated pair is left to its relay. */
    public void unregister(StreamHash hash, Channel ch) {
        boolean[] removed = new boolean[1];
        slots.computeIfPresent(hash, (h, s) -> {
            if (s.activated()) {
                return s;
            }
            if (s.first() == ch) {
                removed[0] = true;
                return s.second() == null ? null : new Slot(s.second(), null, false);
            }
            if (s.second() == ch) {
                removed[0] = true;
                return new Slot(s.first(), null, false);
            }
            return s;
        });
        if (removed[0]) {
            waiting.decrementAndGet();
        }
    }

    /** Claims the pair for activation; at most one caller ever gets {@link Claim.Pair} for a registration. */
    public Claim claim(StreamHash hash) {
        Claim[] out = new Claim[] {new Claim.Unknown()};
        slots.computeIfPresent(hash, (h, s) -> {
            if (s.activated()) {
                out[0] = new Claim.AlreadyActive();
                return s;
            }
            if (s.size() < 2) {
                out[0] = new Claim.OneSide();
                return s;
            }
            out[0] = new Claim.Pair(s.first(), s.second());
            return new Slot(s.first(), s.second(), true);
        });
        if (out[0] instanceof Claim.Pair) {
            waiting.addAndGet(-2);
        }
        return out[0];
    }

    /** The relay of a claimed pair ended: the hash is free again. */
    public void release(StreamHash hash) {
        slots.computeIfPresent(hash, (h, s) -> s.activated() ? null : s);
    }

    /** Connections waiting for their partner or for activation. */
    public int waiting() {
        return waiting.get();
    }
}
