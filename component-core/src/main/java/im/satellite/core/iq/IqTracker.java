package im.satellite.core.iq;

import im.satellite.core.Outbound;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Correlates the IQs a service sends with their responses (RFC 6120 §8.2.3), with a timeout (STYLE 7.3 rule 1).
 * A response counts only when it comes from the entity the request went to, so a third party cannot complete it.
 * Futures complete on the thread that routed the response (a lane) or on the timer thread: a service that touches
 * lane-owned state in a callback re-enters its lane first.
 */
public final class IqTracker {
    private final Outbound out;
    private final ScheduledExecutorService timer;
    private final String idPrefix;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(JID to, CompletableFuture<IQ> future, java.util.concurrent.ScheduledFuture<?>[] timeout) {
    }

    public IqTracker(Outbound out, ScheduledExecutorService timer) {
        this.out = Objects.requireNonNull(out);
        this.timer = Objects.requireNonNull(timer);
        this.idPrefix = "sat-" + Long.toHexString(System.nanoTime() & 0xffffffL) + "-";
    }

    /**
     * Sends {@code iq} (a get or set; an id is assigned when it has none) and returns its response, result or error.
     * Fails with {@link TimeoutException} when none arrives within {@code timeout}.
     */
    public CompletableFuture<IQ> send(IQ iq, Duration timeout) {
        if (iq.getID() == null || iq.getID().isEmpty()) {
            iq.setID(idPrefix + ids.incrementAndGet());
        }
        CompletableFuture<IQ> f = new CompletableFuture<>();
        String id = iq.getID();
        Pending entry = new Pending(iq.getTo(), f, new java.util.concurrent.ScheduledFuture<?>[1]);
        pending.put(id, entry);
        entry.timeout[0] = timer.schedule(() -> {
            if (pending.remove(id, entry)) {
                f.completeExceptionally(new TimeoutException("no response to iq " + id + " within " + timeout));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        out.send(iq);
        return f;
    }

    /** Completes the request this result or error answers; false when it answers nothing we sent. */
    public boolean complete(IQ response) {
        String id = response.getID();
        if (id == null) {
            return false;
        }
        Pending p = pending.get(id);
        if (p == null || !sameEntity(p.to, response.getFrom())) {
            return false;
        }
        if (pending.remove(id, p)) {
            java.util.concurrent.ScheduledFuture<?> t = p.timeout[0];
            if (t != null) {
                t.cancel(false);
            }
            p.future.complete(response);
            return true;
        }
        return false;
    }

    public int outstanding() {
        return pending.size();
    }

    private static boolean sameEntity(JID sentTo, JID from) {
        if (sentTo == null || from == null) {
            return sentTo == null;
        }
        return sentTo.equals(from) || (sentTo.getResource() == null && sentTo.equals(from.asBareJID()));
    }
}
