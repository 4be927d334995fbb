package im.satellite.irc.gateway;

import im.satellite.core.ServiceContext;
import im.satellite.irc.IrcGatewaySettings;
import im.satellite.irc.bridge.Bridge;
import im.satellite.irc.bridge.NetworkSession;
import im.satellite.irc.client.ConnectGate;
import im.satellite.irc.client.IrcConnection;
import im.satellite.irc.client.IrcIdentity;
import im.satellite.irc.client.IrcNetwork;
import im.satellite.irc.store.IrcAccount;
import im.satellite.irc.store.IrcAccountStore;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Every user's {@link Bridge} and the connection limits. Opening a session checks the network policy and the limits,
 * loads the user's stored settings and connects on Satellite's event loops. Bridges are touched only on their user's
 * lane ({@link #onUserLane}); the registry of open connections (for the admin commands) is concurrent.
 */
public final class Sessions {
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    /** Connections to one network that may be connecting or registering at once (see {@link ConnectGate}). */
    static final int CONNECTING_PER_NETWORK = 8;

    /** Why a session could not be opened, as an XMPP error. */
    @FunctionalInterface
    public interface Refusal {
        void refuse(String condition, PacketError.Type type, String text);
    }

    /** One open connection, for listing. */
    public record Info(String user, String network) { }

    private final IrcGatewaySettings settings;
    private final ServiceContext ctx;
    private final NetworkPolicy policy;
    private final IrcAccountStore store;
    private final Class<? extends Channel> channelType;
    private final Map<String, Bridge> bridges = new ConcurrentHashMap<>();
    private final Map<String, Info> open = new ConcurrentHashMap<>();
    private final Map<String, SslContext> ssl = new ConcurrentHashMap<>();
    private final Map<String, ConnectGate> gates = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public Sessions(IrcGatewaySettings settings, ServiceContext ctx, NetworkPolicy policy, IrcAccountStore store,
                    Class<? extends Channel> channelType) {
        this.settings = settings;
        this.ctx = ctx;
        this.policy = policy;
        this.store = store;
        this.channelType = channelType;
    }

    static String bare(JID j) {
        return j.toBareJID().toLowerCase(Locale.ROOT);
    }

    /** Runs {@code task} on the lane owning {@code user}'s IRC state. */
    public void onUserLane(JID user, Runnable task) {
        ctx.lanes().execute("irc-user:" + bare(user), task);
    }

    /** The user's open session on a network, or null (lane). */
    public NetworkSession session(JID user, String network) {
        Bridge b = bridges.get(bare(user));
        return b == null ? null : b.session(network);
    }

    /** The user's session on a network, opened if needed; null after telling {@code refusal} why not (lane). */
    public NetworkSession openFor(JID user, String network, String nick, Refusal refusal) {
        NetworkSession existing = session(user, network);
        if (existing != null) {
            return existing;
        }
        String[] why = new String[1];
        Optional<IrcNetwork> net = policy.resolve(network, why);
        if (net.isEmpty()) {
            refusal.refuse("not-allowed", PacketError.Type.cancel, why[0]);
            return null;
        }
        String key = bare(user);
        Bridge b = bridges.computeIfAbsent(key, k -> new Bridge(new JID(key)));
        if (b.size() >= settings.maxPerUser() || total.get() >= settings.maxTotal()) {
            refusal.refuse("resource-constraint", PacketError.Type.wait, "too many IRC connections");
            cleanup(key, b);
            return null;
        }
        IrcAccount acc = store.find(key, network).orElse(IrcAccount.empty(key, network));
        IrcIdentity id = new IrcIdentity(acc.nick() == null || acc.nick().isBlank() ? nick : acc.nick(),
                acc.username() == null ? new JID(key).getNode() : acc.username(),
                acc.realname() == null ? "Satellite IRC gateway user" : acc.realname(),
                acc.saslPassword(), null, acc.nickservPassword());
        total.incrementAndGet();
        String regKey = key + " " + network;
        NetworkSession s = Bridge.newSession(network, b.user(), ctx.jid().getDomain(), ctx.outbound(), () -> {
            b.remove(network);
            total.decrementAndGet();
            open.remove(regKey);
            cleanup(key, b);
        });
        IrcConnection conn = new IrcConnection(net.get(), id, ctx.eventLoops(), channelType, sslFor(net.get()),
                r -> onUserLane(b.user(), r), Bridge.events(s), (int) settings.pingInterval().toSeconds(),
                gates.computeIfAbsent(network, n -> new ConnectGate(CONNECTING_PER_NETWORK)));
        Bridge.attach(s, conn);
        s.scheduler((ms, task) -> ctx.timer().schedule(() -> onUserLane(b.user(), task), ms,
                java.util.concurrent.TimeUnit.MILLISECONDS));
        acc.stayChannels().forEach(c -> s.stayIn(c));
        b.put(s);
        open.put(regKey, new Info(key, network));
        log.debug("opening {} for {}", network, key);
        conn.connect();
        return s;
    }

    private void cleanup(String key, Bridge b) {
        if (b.size() == 0) {
            bridges.remove(key, b);
        }
    }

    private SslContext sslFor(IrcNetwork n) {
        if (!n.tls()) {
            return null;
        }
        String key = n.hasClientCertificate() ? "cert:" + n.name() : n.verifyTls() ? "verify" : "insecure";
        return ssl.computeIfAbsent(key, k -> {
            try {
                SslContextBuilder b = SslContextBuilder.forClient();
                if (!n.verifyTls()) {
                    b.trustManager(InsecureTrustManagerFactory.INSTANCE);
                }
                if (n.hasClientCertificate()) {
                    b.keyManager(n.clientCertificate().toFile(), n.clientKey().toFile());
                }
                return b.build();
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalStateException("TLS setup failed for " + n.name() + ": " + e.getMessage(), e);
            }
        });
    }

    /** A resource went offline: it leaves all its rooms (lane). */
    public void resourceGone(JID resource) {
        Bridge b = bridges.get(bare(resource));
        if (b != null) {
            for (NetworkSession s : List.copyOf(b.sessions())) {
                s.resourceGone(resource);
            }
        }
    }

    /** The open connections. */
    public List<Info> list() {
        return new ArrayList<>(open.values());
    }

    /** Closes one user's connection to one network (any thread). */
    public void drop(String user, String network) {
        onUserLane(new JID(user), () -> {
            NetworkSession s = session(new JID(user), network);
            if (s != null) {
                s.kill("Disconnected by the gateway administrator");
            }
        });
    }

    /** Closes everything (shutdown). */
    public void closeAll(String reason) {
        for (Info i : list()) {
            onUserLane(new JID(i.user()), () -> {
                NetworkSession s = session(new JID(i.user()), i.network());
                if (s != null) {
                    s.kill(reason);
                }
            });
        }
    }

    public int total() {
        return total.get();
    }
}
