package im.satellite.irc.gateway;

import im.satellite.irc.IrcGatewaySettings;
import im.satellite.irc.client.IrcNetwork;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which IRC networks users may reach. Listed networks are allowed as configured (plain TCP only where the admin set
 * {@code tls: false}). Unlisted ones only when {@code allow-unlisted-networks} is on, always over verified TLS, and
 * never when the name resolves to a loopback, private, link-local, unspecified or multicast address: a gateway must
 * not become a way into the operator's internal network.
 */
public final class NetworkPolicy {
    private final IrcGatewaySettings settings;

    public NetworkPolicy(IrcGatewaySettings settings) {
        this.settings = settings;
    }

    /** The network to connect to, or empty with the reason in {@code why[0]}. May resolve DNS: call on a lane. */
    public Optional<IrcNetwork> resolve(String name, String[] why) {
        String n = name.toLowerCase(Locale.ROOT);
        IrcNetwork listed = settings.networks().get(n);
        if (listed != null) {
            return Optional.of(listed);
        }
        if (!settings.allowUnlisted() || !n.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            why[0] = "the IRC network " + name + " is not allowed on this gateway";
            return Optional.empty();
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(n)) {
                if (isInternal(a)) {
                    why[0] = name + " resolves to an internal address";
                    return Optional.empty();
                }
            }
        } catch (UnknownHostException e) {
            why[0] = "unknown host " + name;
            return Optional.empty();
        }
        IrcNetwork d = settings.defaults();
        return Optional.of(new IrcNetwork(n, n, d.port(), true, true, null, d.charset(), d.fallbackCharset(),
                d.floodBurst(), d.floodInterval(), d.reconnectMin(), d.reconnectMax()));
    }

    /** Loopback, RFC 1918/4193 private, link-local, unspecified, multicast, or CGNAT (100.64/10). */
    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 || (b[0] & 0xff) == 0;
        }
        return (b[0] & 0xfe) == 0xfc;
    }

    /** Whether a user of {@code domain} may use the gateway. */
    public boolean domainAllowed(String domain, String serverDomain) {
        if (settings.allowedDomains().isEmpty()) {
            return domain.equalsIgnoreCase(serverDomain);
        }
        return settings.allowedDomains().stream().anyMatch(d -> d.equalsIgnoreCase(domain) || d.equals("*"));
    }
}
