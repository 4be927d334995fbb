package im.satellite.core;

import im.satellite.core.config.ComponentConfig;
import im.satellite.core.config.SatelliteConfig;
import im.satellite.persistence.Database;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Satellite: opens the database if an enabled service needs it, builds each enabled component and connects it.
 * Several components share one set of event loops and one timer; each has its own connection, lanes and router.
 * {@link #close()} is the graceful shutdown SIGTERM triggers.
 */
public final class ComponentRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ComponentRunner.class);

    private final EventLoopGroup group;
    private final ScheduledExecutorService timer;
    private final Database database;
    private final List<ServiceHost> hosts = new ArrayList<>();
    private final Duration grace;
    private boolean closed;

    private ComponentRunner(SatelliteConfig config, Clock clock, Duration grace) {
        this.grace = grace;
        boolean needsDb = config.components().stream().anyMatch(c -> c.factory().usesDatabase());
        this.database = needsDb ? Database.open(config.database()) : null;
        this.group = Transports.newGroup(0, "satellite-io");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "satellite-timer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (ComponentConfig<?> c : config.components()) {
                hosts.add(new ServiceHost(c, group, database, timer, clock));
            }
        } catch (RuntimeException e) {
            for (ServiceHost h : hosts) {
                h.service().close();
            }
            release();
            throw e;
        }
    }

    /** Builds every enabled component and starts connecting them; returns at once. */
    public static ComponentRunner start(SatelliteConfig config) {
        return start(config, Clock.systemUTC(), Duration.ofSeconds(10));
    }

    public static ComponentRunner start(SatelliteConfig config, Clock clock, Duration grace) {
        Objects.requireNonNull(config, "config");
        ComponentRunner r = new ComponentRunner(config, clock, grace);
        for (ServiceHost h : r.hosts) {
            log.info("Starting {} as {} (server {}:{})", h.name(), h.domain(), h.connector().settings().host(),
                    h.connector().settings().port());
            h.start();
        }
        return r;
    }

    public List<ServiceHost> hosts() {
        return List.copyOf(hosts);
    }

    /** The running component with this config key. */
    public ServiceHost host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no enabled component " + name));
    }

    /** Waits until every component has completed its handshake once. */
    public void awaitOnline(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ServiceHost h : hosts) {
            try {
                h.connector().firstOnline().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Graceful shutdown: each service says goodbye while its link is up, then links, pools and storage close. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Shutting down");
        for (ServiceHost h : hosts) {
            h.stop(grace);
        }
        release();
        log.info("Stopped");
    }

    private void release() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        timer.shutdownNow();
        if (database != null) {
            database.close();
        }
    }
}
