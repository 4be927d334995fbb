package im.satellite.core;

import im.satellite.core.exec.KeyedSerialExecutor;
import im.satellite.core.iq.IqTracker;
import im.satellite.persistence.Database;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.xmpp.packet.JID;

/**
 * Everything a service is given by the runtime, wired explicitly (no static registries, STYLE 7.7).
 *
 * @param name         the service's config key, e.g. {@code muc}
 * @param jid          the service's domain as a JID, e.g. {@code conference.example.org}
 * @param serverDomain the host server's domain, e.g. {@code example.org}
 * @param outbound     where stanzas go
 * @param iqTracker    correlation of the IQs the service sends
 * @param lanes        ordered execution per key; the service's host lane is keyed by {@link #hostLane()}
 * @param database     the database, or null when the service's factory does not use one
 * @param timer        a scheduler for timeouts; tasks on it must re-enter a lane before touching lane state
 * @param clock        the clock (a manual one in tests)
 * @param eventLoops   Netty's event loops, for services with listeners of their own (the SOCKS5 proxy)
 * @param pressure     backpressure of the service's own: told {@code true} while it cannot keep up (its database
 *                     stalls), and the link stops reading from the server until it is told {@code false}
 */
public record ServiceContext(String name, JID jid, String serverDomain, Outbound outbound, IqTracker iqTracker,
                             KeyedSerialExecutor lanes, Database database, ScheduledExecutorService timer,
                             Clock clock, EventLoopGroup eventLoops, Consumer<Boolean> pressure) {
    public ServiceContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(iqTracker, "iqTracker");
        Objects.requireNonNull(lanes, "lanes");
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pressure, "pressure");
    }

    /** The lane key for stanzas addressed to the service's own domain. */
    public String hostLane() {
        return jid.getDomain();
    }

    /** The database; fails when the service's factory did not declare {@link ServiceFactory#usesDatabase()}. */
    @Override
    public Database database() {
        if (database == null) {
            throw new IllegalStateException(name + ": no database (the factory does not declare usesDatabase)");
        }
        return database;
    }
}
