package im.satellite.core;

import im.satellite.core.config.ComponentConfig;
import im.satellite.core.disco.BuiltinRoutes;
import im.satellite.core.exec.KeyedSerialExecutor;
import im.satellite.core.iq.IqTracker;
import im.satellite.core.routing.Router;
import im.satellite.core.stream.ComponentConnector;
import im.satellite.core.stream.LinkSettings;
import im.satellite.core.stream.StanzaSink;
import im.satellite.core.error.ErrorReplies;
import im.satellite.core.error.StanzaException;
import im.satellite.persistence.Database;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * One running component: its connector, its lanes, its router and the service itself. Stanzas decoded on the event
 * loop are handed to the lane of their addressee's bare JID (host-addressed ones to the host lane) and routed there.
 */
public final class ServiceHost {
    private static final Logger log = LoggerFactory.getLogger(ServiceHost.class);
    private static final Logger wire = LoggerFactory.getLogger("im.satellite.wire");
    /** Pending tasks across a service's lanes above which the link stops reading from the server. */
    static final int LANE_HIGH_WATER = 20_000;
    /** Wire bytes of queued stanzas above which the link stops reading (a parsed stanza takes several times more). */
    static final long BYTES_HIGH_WATER = 32L << 20;

    private final String name;
    private final String domain;
    private final ComponentConnector connector;
    private final KeyedSerialExecutor lanes;
    private final ComponentService service;
    private final Router router;
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile boolean lanesPressured;
    /** The service's own backpressure (e.g. the MUC's archive writes fall behind a stalled database). */
    private volatile boolean servicePressured;
    private volatile boolean bytesPressured;
    private volatile boolean stopping;

    ServiceHost(ComponentConfig<?> config, EventLoopGroup group, Database database, ScheduledExecutorService timer,
                Clock clock) {
        LinkSettings link = config.link();
        this.name = config.name();
        this.domain = link.domain();
        this.connector = new ComponentConnector(link, group, Transports.socketChannel(), new StanzaSink() {
            @Override
            public void stanza(Element element, int bytes) {
                dispatch(element, bytes);
            }

            @Override
            public void rejected(Element stub, String reason) {
                reject(stub, reason);
            }
        }, new ComponentConnector.StateListener() {
                    @Override
                    public void online() {
                        lanes.execute(domain, service::online);
                    }

                    @Override
                    public void offline() {
                        if (!stopping) {
                            lanes.execute(domain, service::offline);
                        }
                    }
                });
        this.lanes = new KeyedSerialExecutor(name + "-lane", config.workers(), LANE_HIGH_WATER, paused -> {
            lanesPressured = paused;
            updatePause();
        });
        Outbound out = connector.outbound();
        IqTracker iqTracker = new IqTracker(out, timer);
        JID jid = new JID(null, domain, null, true);
        ServiceContext ctx = new ServiceContext(name, jid, link.serverDomain(), out, iqTracker, lanes,
                config.factory().usesDatabase() ? database : null, timer, clock, group, paused -> {
                    servicePressured = paused;
                    updatePause();
                });
        this.service = config.create(ctx);
        this.router = new Router(jid, service.routes().withFallback(BuiltinRoutes.routes(service::discoInfo, clock)),
                out, iqTracker, service.unroutedMessage(), service.unroutedPresence());
    }

    public String name() {
        return name;
    }

    public String domain() {
        return domain;
    }

    public ComponentService service() {
        return service;
    }

    public ComponentConnector connector() {
        return connector;
    }

    public KeyedSerialExecutor lanes() {
        return lanes;
    }

    void start() {
        connector.start();
    }

    /** Called on the event loop: picks the lane and hands the element over. Never blocks. */
    private void dispatch(Element e, int bytes) {
        if (wire.isDebugEnabled()) {
            wire.debug("{} IN {}", domain, e.asXML());
        }
        if (stopping) {
            log.debug("{}: shutting down, dropped an incoming <{}>", domain, e.getName());
            return;
        }
        addPendingBytes(bytes);
        lanes.execute(laneKey(e.attributeValue("to")), () -> {
            try {
                Packet p = Router.toPacket(e);
                if (p == null) {
                    log.debug("{}: ignoring a first-level <{}>", domain, e.getName());
                    return;
                }
                router.route(p);
            } finally {
                addPendingBytes(-bytes);
            }
        });
    }

    /** A stanza the decoder would not keep (too large, too deep): its sender gets policy-violation, on its lane. */
    private void reject(Element stub, String reason) {
        if (stopping) {
            return;
        }
        lanes.execute(laneKey(stub.attributeValue("to")), () -> {
            Packet p = Router.toPacket(stub);
            if (p == null || p.getFrom() == null || p.getTo() == null) {
                return;
            }
            String type = stub.attributeValue("type");
            if (p instanceof IQ && !"get".equals(type) && !"set".equals(type)) {
                return;
            }
            ErrorReplies.reply(p, StanzaException.policyViolation("stanza " + reason), p.getTo())
                    .ifPresent(connector.outbound()::send);
        });
    }

    private void addPendingBytes(long delta) {
        long now = pendingBytes.addAndGet(delta);
        boolean over = delta > 0 ? now > BYTES_HIGH_WATER : now > BYTES_HIGH_WATER / 2;
        if (over != bytesPressured) {
            bytesPressured = over;
            updatePause();
        }
    }

    private void updatePause() {
        connector.pauseInbound(lanesPressured || bytesPressured || servicePressured || stopping);
    }

    /** The bare JID of the addressee, lower-cased; the host lane for the service's own domain. */
    String laneKey(String to) {
        if (to == null) {
            return domain;
        }
        int slash = to.indexOf('/');
        String bare = slash < 0 ? to : to.substring(0, slash);
        return bare.indexOf('@') < 0 ? domain : bare.toLowerCase(Locale.ROOT);
    }

    /**
     * Graceful stop: stop taking stanzas, let the service say goodbye while the link is up, drain the lanes, close
     * the stream, then let the service release its resources.
     */
    void stop(Duration grace) {
        stopping = true;
        updatePause();
        long deadline = System.nanoTime() + grace.toNanos();
        if (connector.isOnline()) {
            CompletableFuture<Void> said = new CompletableFuture<>();
            lanes.execute(domain, () -> {
                try {
                    service.stop();
                } finally {
                    said.complete(null);
                }
            });
            try {
                said.get(remaining(deadline), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                log.warn("{}: the service did not finish saying goodbye in time ({})", name, e.toString());
            }
        }
        try {
            if (!lanes.shutdown(Math.max(100, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))))) {
                log.warn("{}: {} tasks still pending at shutdown", name, lanes.pending());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connector.close(Duration.ofNanos(Math.max(remaining(deadline), TimeUnit.MILLISECONDS.toNanos(200))));
        try {
            service.close();
        } catch (RuntimeException e) {
            log.warn("{}: error while closing: {}", name, e.toString());
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
