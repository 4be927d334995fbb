package im.satellite.bench.muc;

import im.satellite.bench.link.DriverLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host server's side of a MUC benchmark over one {@link DriverLink}: it writes presences and owner IQs as if
 * from users {@code o<k>@localhost/b} (the driver plays the server, so it may) and waits for the answers that carry
 * their ids. Those ids start at {@link #SIDE_IDS}, above every id of a {@code WindowedLoad}, so that joins and
 * set-up IQs share the link with a running groupchat flood ({@link DriverLink#listenSide}). The room answers a join
 * with the occupant's own presence (status 110) carrying the join's id, and an IQ with a result of the same id.
 * Set-up stanzas are pipelined: written in 64 KiB batches, then awaited together.
 */
final class MucDriver {
    static final long SIDE_IDS = 1L << 40;
    static final String DOMAIN = "muc.localhost";
    private static final int BATCH = 64 * 1024;
    private final DriverLink link;
    private final Duration timeout;
    private final Map<Long, Long> arrived = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(2 * BATCH);
    private long nextId = SIDE_IDS;

    MucDriver(DriverLink link, Duration timeout) {
        this.link = link;
        this.timeout = timeout;
        link.listenSide(SIDE_IDS, id -> {
            arrived.put(id, System.nanoTime());
            synchronized (signal) {
                signal.notifyAll();
            }
        });
    }

    DriverLink link() {
        return link;
    }

    /** The real JID of occupant {@code k}. */
    static String user(long k) {
        return "o" + k + "@localhost/b";
    }

    /** The bare JID of a room. */
    static String room(String name) {
        return name + "@" + DOMAIN;
    }

    /** Queues occupant {@code k}'s join of {@code room} (nick {@code n<k>}, no history); returns its id. */
    long join(String room, long k) throws IOException {
        long id = nextId++;
        queue("<presence from='" + user(k) + "' to='" + room(room) + "/n" + k + "' id='" + id + "'>"
                + "<x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>");
        return id;
    }

    /** Queues occupant {@code k}'s exit from {@code room}; returns its id. */
    long leave(String room, long k) throws IOException {
        long id = nextId++;
        queue("<presence type='unavailable' from='" + user(k) + "' to='" + room(room) + "/n" + k + "' id='" + id
                + "'/>");
        return id;
    }

    /**
     * Queues the owner's (occupant {@code k}'s) submission of the room configuration form with these fields
     * (XEP-0045 §10.1.2: an instant room when there are none); returns its id.
     */
    long configure(String room, long k, Map<String, List<String>> fields) throws IOException {
        long id = nextId++;
        StringBuilder sb = new StringBuilder("<iq type='set' from='" + user(k) + "' to='" + room(room) + "' id='" + id
                + "'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>");
        if (!fields.isEmpty()) {
            sb.append("<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>");
        }
        fields.forEach((var, values) -> {
            sb.append("<field var='").append(var).append("'>");
            values.forEach(v -> sb.append("<value>").append(v).append("</value>"));
            sb.append("</field>");
        });
        queue(sb.append("</x></query></iq>").toString());
        return id;
    }

    private void queue(String stanza) throws IOException {
        pending.writeBytes(stanza.getBytes(StandardCharsets.UTF_8));
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    /** Writes what is queued. */
    void flush() throws IOException {
        if (pending.size() > 0) {
            link.write(pending.toByteArray(), 0, pending.size());
            pending.reset();
        }
    }

    /** Flushes, then waits for the answers to ids {@code from} (inclusive) to {@code to} (exclusive). */
    void awaitAll(long from, long to) throws IOException, InterruptedException {
        flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        for (long id = from; id < to; id++) {
            while (!arrived.containsKey(id)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no answer to stanza " + id + " (" + (id - from) + " of " + (to - from)
                            + " answered) within " + timeout);
                }
                synchronized (signal) {
                    if (!arrived.containsKey(id)) {
                        signal.wait(Math.max(1, left / 1_000_000));
                    }
                }
            }
            arrived.remove(id);
            if (++seen % 1000 == 0) {
                deadline = System.nanoTime() + timeout.toNanos();
            }
        }
    }

    /** Flushes, then waits for the answer to {@code id}; returns the time it arrived ({@code System.nanoTime()}). */
    long await(long id) throws IOException, InterruptedException {
        flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        Long at;
        while ((at = arrived.remove(id)) == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("no answer to stanza " + id + " within " + timeout);
            }
            synchronized (signal) {
                if (!arrived.containsKey(id)) {
                    signal.wait(Math.max(1, left / 1_000_000));
                }
            }
        }
        return at;
    }

    /** The next id {@link #join}, {@link #leave} or {@link #configure} will use. */
    long nextId() {
        return nextId;
    }

    /**
     * Creates {@code room} with occupant {@code first} as owner, configured with {@code fields}, and joins occupants
     * {@code first + 1} to {@code first + size - 1}; waits until all are in.
     */
    void fillRoom(String room, long first, int size, Map<String, List<String>> fields)
            throws IOException, InterruptedException {
        long id = join(room, first);
        await(id);
        await(configure(room, first, fields));
        long from = nextId;
        for (long k = first + 1; k < first + size; k++) {
            join(room, k);
        }
        awaitAll(from, nextId);
    }
}
