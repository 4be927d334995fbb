package im.satellite.muc;

import im.satellite.core.Outbound;
import im.satellite.core.ServiceContext;
import im.satellite.core.config.ComponentConfig;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.config.SatelliteConfig;
import im.satellite.core.disco.BuiltinRoutes;
import im.satellite.core.exec.KeyedSerialExecutor;
import im.satellite.core.iq.IqTracker;
import im.satellite.core.routing.Router;
import im.satellite.core.testkit.CapturingOutbound;
import im.satellite.core.testkit.ManualClock;
import im.satellite.persistence.Database;
import im.satellite.persistence.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * The real {@link MucService} in-process: a SQLite file in a temp directory, real lanes, a {@link CapturingOutbound}
 * and a manual clock. Stanzas are dispatched on the lane of their bare {@code to}, as the runtime does, and
 * {@link #take()} waits until every lane is idle.
 */
public final class MucHarness implements AutoCloseable {
    public static final String SERVICE = "muc.localhost";
    public static final String SERVER = "localhost";

    private final Path dbFile;
    private final boolean hideOccupantIds;
    private boolean stopped;
    private final String options;
    private final java.util.function.UnaryOperator<im.satellite.muc.store.ArchiveStore> archiveWrap;
    private final CapturingOutbound captured = new CapturingOutbound();
    private final List<Integer> broadcasts = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the service told the link about its own backpressure, in order. */
    private final List<Boolean> pressure = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Outbound out = new Outbound() {
        @Override
        public void send(Packet stanza) {
            captured.send(stanza);
        }

        @Override
        public void broadcast(Packet template, Collection<JID> recipients) {
            broadcasts.add(recipients.size());
            captured.broadcast(template, recipients);
        }
    };
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Database db;
    private KeyedSerialExecutor lanes;
    private MucService service;
    private Router router;

    public MucHarness(Path dir, String options) {
        this(dir, options, false);
    }

    /**
     * @param hideOccupantIds remove XEP-0421 occupant-id elements from what the service sends (their values depend on
     *                        the database's random secret); scenarios that check them keep them
     */
    public MucHarness(Path dir, String options, boolean hideOccupantIds) {
        this(dir, options, hideOccupantIds, null);
    }

    /** @param archiveWrap wraps the service's archive store (e.g. to hold its commits back), or null */
    public MucHarness(Path dir, String options, boolean hideOccupantIds,
                      java.util.function.UnaryOperator<im.satellite.muc.store.ArchiveStore> archiveWrap) {
        this.dbFile = dir.resolve("muc.db");
        this.options = options == null ? "" : options;
        this.hideOccupantIds = hideOccupantIds;
        this.archiveWrap = archiveWrap;
        start();
    }

    private void start() {
        String yaml = """
                server: {host: 127.0.0.1, port: 5347, domain: localhost}
                components:
                  muc:
                    subdomain: muc.localhost
                    secret: s
                """ + options.lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
        SatelliteConfig cfg = new ConfigLoader(List.of(new MucServiceFactory())).parse(yaml, "scenario");
        MucConfig settings = (MucConfig) ((ComponentConfig<?>) cfg.components().get(0)).settings();
        db = Database.open(DatabaseConfig.sqlite(dbFile));
        lanes = new KeyedSerialExecutor("muc-test", 2, 10_000, p -> { });
        JID jid = new JID(null, SERVICE, null, true);
        IqTracker tracker = new IqTracker(out, timer);
        ServiceContext ctx = new ServiceContext("muc", jid, SERVER, out, tracker, lanes, db, timer, clock, null,
                pressure::add);
        if (archiveWrap == null) {
            service = (MucService) new MucServiceFactory().create(settings, ctx);
        } else {
            db.migrate("muc", "classpath:db/muc");
            service = new MucService(settings, ctx, new im.satellite.muc.store.SqliteRoomStore(db.jdbc(), clock),
                    archiveWrap.apply(new im.satellite.muc.store.SqlArchiveStore(db.jdbc())));
        }
        router = new Router(jid, service.routes().withFallback(BuiltinRoutes.routes(service::discoInfo, clock)),
                out, tracker);
    }

    public MucService service() {
        return service;
    }

    /** The recipient count of each {@code broadcast} call so far, and forgets them. */
    public List<Integer> takeBroadcasts() {
        awaitIdle();
        List<Integer> b = List.copyOf(broadcasts);
        broadcasts.clear();
        return b;
    }

    /** What the service told the link about its own backpressure so far, in order ({@code true}: pause reading). */
    public List<Boolean> pressure() {
        return List.copyOf(pressure);
    }

    public ManualClock clock() {
        return clock;
    }

    /** Dispatches a stanza on its lane, as the runtime does. */
    public void send(Packet p) {
        String to = p.getTo() == null ? SERVICE : p.getTo().toBareJID().toLowerCase(Locale.ROOT);
        String key = p.getTo() == null || p.getTo().getNode() == null ? SERVICE : to;
        lanes.execute(key, () -> router.route(p));
    }

    /**
     * {@code owner@localhost/r} enters {@code room} as Owner and makes it an instant room (XEP-0045 §10.1.2); what
     * the service sent meanwhile is taken and dropped.
     */
    public void createInstantRoom(String room) {
        Presence join = new Presence();
        join.setFrom("owner@localhost/r");
        join.setTo(room + "/Owner");
        join.addChildElement("x", "http://jabber.org/protocol/muc");
        send(join);
        IQ instant = new IQ(IQ.Type.set);
        instant.setFrom("owner@localhost/r");
        instant.setTo(room);
        instant.setChildElement("query", "http://jabber.org/protocol/muc#owner").addElement("x", "jabber:x:data")
                .addAttribute("type", "submit");
        send(instant);
        take();
    }

    /** A groupchat message from {@code owner@localhost/r} to {@code room}. */
    public static Message ownerSays(String room, String id, String body) {
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom("owner@localhost/r");
        m.setTo(room);
        m.setID(id);
        m.setBody(body);
        return m;
    }

    /** Runs {@code task} on the lane of {@code key} (a room's lower-cased bare JID), e.g. to hold that lane up. */
    public void onLane(String key, Runnable task) {
        lanes.execute(key, task);
    }

    /** Waits for the lanes only (not the archive writer) and returns what was sent since the last call. */
    public List<Packet> takeWithoutWriter() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (lanes.pending() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("lanes did not become idle");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
        return captured.drain();
    }

    /** Waits for all lanes to be idle and returns what was sent since the last call. */
    public List<Packet> take() {
        awaitIdle();
        List<Packet> sent = captured.drain();
        if (hideOccupantIds) {
            sent.forEach(p -> stripOccupantIds(p.getElement()));
        }
        return sent;
    }

    /** Removes occupant-id elements at any depth (archived messages forwarded in MAM results carry them too). */
    private static void stripOccupantIds(org.dom4j.Element e) {
        for (org.dom4j.Element c : new java.util.ArrayList<>(e.elements())) {
            if ("occupant-id".equals(c.getName())
                    && im.satellite.muc.room.OccupantIds.NS.equals(c.getNamespaceURI())) {
                e.remove(c);
            } else {
                stripOccupantIds(c);
            }
        }
    }

    /**
     * Waits until the lanes and the archive writer are idle. The writer hands its commit reports to the lanes before
     * it counts a row done, so lanes idle, then writer idle, then lanes idle again means all is done.
     */
    private void awaitIdle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (lanes.pending() > 0 || writerPending() > 0 || lanes.pending() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("lanes did not become idle");
            }
            // Not a busy spin: on a small machine it would take the CPU from the lanes and the writer.
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
    }

    private int writerPending() {
        return service.archiveWriter() == null ? 0 : service.archiveWriter().pending();
    }

    /** Graceful shutdown (stop() on the host lane) then a fresh service over the same database. */
    public void restart() throws InterruptedException {
        shutdown();
        start();
    }

    /** Simulates kill -9: no stop(), the database is just abandoned and reopened. */
    public void crash() throws InterruptedException {
        awaitIdle();
        lanes.shutdown(1000);
        service.close(); // only stops the timers and the idle writer thread: nothing is left to write
        db.close();
        start();
    }

    /** The service's stop(), as at Satellite shutdown. */
    public void stop() {
        lanes.execute(SERVICE, service::stop);
        awaitIdle();
    }

    private void shutdown() throws InterruptedException {
        if (!stopped) {
            stop();
            lanes.shutdown(1000);
        }
        service.close();
        db.close();
    }

    /**
     * Stops as the runtime does (ServiceHost): stop() on the host lane, waited for, then the lanes are shut down at
     * once (a task queued after that is refused); returns what was sent by then, without waiting for anything else.
     */
    public List<Packet> stopAsTheRuntimeDoes() throws Exception {
        java.util.concurrent.CompletableFuture<Void> said = new java.util.concurrent.CompletableFuture<>();
        lanes.execute(SERVICE, () -> {
            try {
                service.stop();
            } finally {
                said.complete(null);
            }
        });
        said.get(20, java.util.concurrent.TimeUnit.SECONDS);
        lanes.shutdown(1000);
        stopped = true;
        return captured.drain();
    }

    @Override
    public void close() throws InterruptedException {
        shutdown();
        timer.shutdownNow();
    }
}
