package im.satellite.bench.irc;

import im.satellite.bench.Resources;
import im.satellite.bench.link.ComponentLinkServer;
import im.satellite.bench.link.DriverLink;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every measurement of {@code bench irc} shares: the work directory, the ngircd, the driver's XEP-0114 port, the
 * gateway's settings, and the list of what was started (closed newest first at the end, by a shutdown hook on
 * Ctrl-C, or one by one with {@link #release}).
 */
final class Rig implements AutoCloseable {
    static final String SECRET = "bench-secret";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(Rig.class);
    // Ctrl-C must not leave ngircd or the gateway process running.
    private final Resources resources = Resources.closedOnExit();
    final Path work;
    final String heap;
    final int floodBurst;
    final String floodInterval;
    Ngircd ircd;
    ComponentLinkServer server;

    /** One gateway process with its link, as the driver sees it. */
    record Gateway(GatewayProcess process, DriverLink link, XmppSide xmpp) {
    }

    Rig(Path work, String heap, int floodBurst, String floodInterval) {
        this.work = work;
        this.heap = heap;
        this.floodBurst = floodBurst;
        this.floodInterval = floodInterval;
    }

    /** Starts ngircd and the driver's component port. */
    void start() throws Exception {
        ircd = track(new Ngircd(work));
        server = track(new ComponentLinkServer(SECRET));
        log.info("ngircd {} on port {}", ircd.pid(), ircd.port());
    }

    /** Starts a gateway process named {@code name} and waits until it is online on the driver's link. */
    Gateway startGateway(String name, Path jfr) throws Exception {
        GatewayProcess p = track(new GatewayProcess(work, name, server.port(), SECRET, ircd.port(), heap, floodBurst,
                floodInterval, jfr));
        DriverLink link = track(server.accept(TIMEOUT));
        p.awaitOnline();
        return new Gateway(p, link, new XmppSide(link));
    }

    /** Stops a gateway process (its IRC connections QUIT) and then closes its link. */
    void stop(Gateway g) {
        release(g.process());
        release(g.link());
    }

    /** A plain IRC client of the benchmark, closed at the end unless released before. */
    IrcClient client(String nick, java.util.function.Consumer<String> onText) throws java.io.IOException {
        return track(new IrcClient(ircd.port(), nick, onText));
    }

    <T extends AutoCloseable> T track(T resource) {
        return resources.track(resource);
    }

    /** Closes one resource now. */
    void release(AutoCloseable resource) {
        resources.release(resource);
    }

    /** Closes what was started, newest first; safe to call twice. */
    @Override
    public void close() {
        resources.close();
    }
}
