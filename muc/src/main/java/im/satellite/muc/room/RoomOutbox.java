package im.satellite.muc.room;

import im.satellite.core.Outbound;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Everything a room sends, in the order it decided to send it, with archived messages held back until their row is
 * committed (group commit, see CONCURRENCY.md). Lane-confined: every method runs on the room's lane.
 *
 * <p>While nothing is held, stanzas go straight to {@link Outbound}. A {@link Hold} (an archived message waiting for
 * its commit) queues everything the room sends after it; when the archive writer reports the commit (on the lane),
 * the queue is released up to the next hold that is still open. Stanzas that arrive for the room while something is
 * held, other than groupchat messages, are {@linkplain #defer deferred} into the same queue and handled when their
 * turn comes, so that their replies (IQ results, errors, which the router sends directly) cannot overtake a held
 * message either. Groupchat messages are handled at once (that is what lets many of them share one commit) unless
 * a deferred stanza is already waiting, so that the room still handles its stanzas in arrival order.
 */
public final class RoomOutbox {
    private final Outbound out;
    private ArrayDeque<Object> queue = new ArrayDeque<>();
    private int deferred;

    /** An archived message waiting for its commit; then {@code onCommit} (or {@code onFailure}) runs in turn. */
    public static final class Hold {
        private final Runnable onCommit;
        private final Runnable onFailure;
        private Boolean committed;

        Hold(Runnable onCommit, Runnable onFailure) {
            this.onCommit = Objects.requireNonNull(onCommit);
            this.onFailure = Objects.requireNonNull(onFailure);
        }
    }

    private record Send(Packet stanza) {
    }

    private record Broadcast(Packet template, List<JID> recipients) {
    }

    private record Deferred(Runnable work) {
    }

    public RoomOutbox(Outbound out) {
        this.out = Objects.requireNonNull(out);
    }

    public void send(Packet p) {
        if (queue.isEmpty()) {
            out.send(p);
        } else {
            queue.add(new Send(p.createCopy()));
        }
    }

    public void broadcast(Packet template, Collection<JID> recipients) {
        if (queue.isEmpty()) {
            out.broadcast(template, recipients);
        } else {
            queue.add(new Broadcast(template.createCopy(), List.copyOf(recipients)));
        }
    }

    /** Holds everything sent from now on until {@link #released} is called for the returned hold. */
    public Hold hold(Runnable onCommit, Runnable onFailure) {
        Hold h = new Hold(onCommit, onFailure);
        queue.add(h);
        return h;
    }

    /** The archive writer's answer for {@code h}; sends what is no longer held back. */
    public void released(Hold h, boolean committed) {
        h.committed = committed;
        drain();
    }

    /** Whether anything is held back (the room must not be unloaded now). */
    public boolean busy() {
        return !queue.isEmpty();
    }

    /** Whether an incoming stanza must wait its turn ({@link #defer}) rather than be handled now. */
    public boolean mustDefer(boolean groupchat) {
        return !queue.isEmpty() && (!groupchat || deferred > 0);
    }

    /** Runs {@code work} now if nothing is held back, else in its turn (e.g. an IQ result after a held notice). */
    public void inTurn(Runnable work) {
        if (queue.isEmpty()) {
            work.run();
        } else {
            defer(work);
        }
    }

    /** Handles an incoming stanza once everything queued before it has gone out. */
    public void defer(Runnable work) {
        queue.add(new Deferred(work));
        deferred++;
    }

    private void drain() {
        while (!queue.isEmpty()) {
            Object head = queue.peekFirst();
            if (head instanceof Hold h) {
                if (h.committed == null) {
                    return;
                }
                queue.removeFirst();
                runInTurn(h.committed ? h.onCommit : h.onFailure);
            } else if (head instanceof Deferred d) {
                queue.removeFirst();
                deferred--;
                runInTurn(d.work());
            } else if (head instanceof Send s) {
                queue.removeFirst();
                out.send(s.stanza());
            } else if (head instanceof Broadcast b) {
                queue.removeFirst();
                out.broadcast(b.template(), b.recipients());
            }
        }
    }

    /**
     * Runs work that is at the head of the queue: what it sends goes out now (or behind a hold it creates), ahead of
     * everything still queued after it.
     */
    private void runInTurn(Runnable work) {
        ArrayDeque<Object> rest = queue;
        queue = new ArrayDeque<>();
        try {
            work.run();
        } finally {
            if (queue.isEmpty()) {
                queue = rest;
            } else {
                queue.addAll(rest);
            }
        }
    }
}
