package im.satellite.proxy;

import im.satellite.core.ComponentService;
import im.satellite.core.ServiceContext;
import im.satellite.core.disco.DiscoInfo;
import im.satellite.core.disco.Identity;
import im.satellite.core.routing.Addressing;
import im.satellite.core.routing.Routes;
import im.satellite.core.xml.Namespaces;
import im.satellite.proxy.relay.PendingStreams;
import im.satellite.proxy.relay.RelayStats;
import im.satellite.proxy.relay.TransferLimits;
import im.satellite.proxy.socks5.Socks5Server;
import im.satellite.proxy.socks5.Socks5ServerInitializer;
import im.satellite.proxy.xmpp.BytestreamsHandler;
import im.satellite.proxy.xmpp.StatsCommandHandler;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;

/**
 * The XEP-0065 SOCKS5 Bytestreams proxy ("streamhost"): disco identity {@code proxy/bytestreams} (§6.2), the
 * streamhost query (§6.3.1), the SOCKS5 listener (§6.3.2, §6.3.5) and activation (§6.3.6). It never needs to see a
 * file offer, so XEP-0096 stream initiation and XEP-0260 Jingle S5B both work. Admins get statistics through the
 * XEP-0050 command {@code stats} and a periodic log line.
 */
public final class FileProxyService implements ComponentService {
    private static final Logger log = LoggerFactory.getLogger(FileProxyService.class);
    /** XEP-0065 §4: the namespace of the streamhost query and activation. */
    public static final String BYTESTREAMS = "http://jabber.org/protocol/bytestreams";

    private final ProxyConfig config;
    private final ServiceContext ctx;
    private final PendingStreams pending;
    private final RelayStats stats = new RelayStats();
    private final TransferLimits limits;
    private final Socks5Server socks;
    private final BytestreamsHandler bytestreams;
    private final StatsCommandHandler commands;
    private final ScheduledFuture<?> statsLog;
    private long lastLoggedBytes;

    FileProxyService(ProxyConfig config, ServiceContext ctx, ByteBufAllocator allocator) {
        this.config = Objects.requireNonNull(config);
        this.ctx = Objects.requireNonNull(ctx);
        // Each transfer needs two waiting connections; twice that leaves room for clients trying several hosts.
        this.pending = new PendingStreams(Math.max(64, 4 * config.maxTransfers()));
        this.limits = new TransferLimits(config.maxTransfers(), config.maxTransfersPerUser(), config.rateLimit(),
                config.maxBytes());
        this.socks = Socks5Server.bind(new InetSocketAddress(config.socksBind(), config.socksPort()),
                config.socksThreads(), allocator,
                new Socks5ServerInitializer(pending, stats, config.activationTimeout()));
        int port = config.advertisePort() != 0 ? config.advertisePort() : socks.port();
        List<String> hosts = config.advertiseHosts().isEmpty() ? List.of(ctx.jid().getDomain())
                : config.advertiseHosts();
        AccessPolicy policy = new AccessPolicy(ctx.serverDomain(), config.allowDomains(), config.allowJids());
        this.bytestreams = new BytestreamsHandler(ctx.jid(), hosts, port, policy, pending, limits, stats,
                config.idleTimeout(), config.samePairLoop());
        this.commands = new StatsCommandHandler(config.admins(), () -> stats.snapshot(pending.waiting()),
                this::discoInfo, ctx.clock());
        long every = config.statsInterval().toMillis();
        this.statsLog = ctx.timer().scheduleAtFixedRate(this::logStats, every, every, TimeUnit.MILLISECONDS);
        log.info("{}: advertising streamhost {} port {}", ctx.jid(), hosts, port);
    }

    @Override
    public Routes routes() {
        return Routes.builder()
                .iq(IQ.Type.get, Addressing.HOST, BYTESTREAMS, "query", bytestreams::streamhost)
                .iq(IQ.Type.set, Addressing.HOST, BYTESTREAMS, "query", bytestreams::activate)
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.DISCO_INFO, "query", commands::discoInfo)
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.DISCO_ITEMS, "query", commands::discoItems)
                .iq(IQ.Type.set, Addressing.HOST, Namespaces.COMMANDS, "command", commands::execute)
                .build();
    }

    @Override
    public DiscoInfo discoInfo() {
        return DiscoInfo.of(new Identity("proxy", "bytestreams", config.name()), BYTESTREAMS, Namespaces.COMMANDS);
    }

    /** The SOCKS5 port actually bound. */
    public int socksPort() {
        return socks.port();
    }

    /** The counters admins see. */
    public RelayStats.Snapshot stats() {
        return stats.snapshot(pending.waiting());
    }

    private void logStats() {
        RelayStats.Snapshot s = stats();
        if (s.activeTransfers() == 0 && s.bytesRelayed() == lastLoggedBytes) {
            return;
        }
        double mbPerSecond = (s.bytesRelayed() - lastLoggedBytes) / 1e6 / (config.statsInterval().toMillis() / 1e3);
        lastLoggedBytes = s.bytesRelayed();
        log.info("{}: {} active transfers, {} waiting connections, {} bytes relayed in total ({} MB/s lately), "
                        + "{} transfers finished", ctx.jid(), s.activeTransfers(), s.waitingConnections(),
                s.bytesRelayed(), String.format("%.1f", mbPerSecond), s.finishedTransfers());
    }

    @Override
    public void close() {
        statsLog.cancel(false);
        socks.close();
    }
}
