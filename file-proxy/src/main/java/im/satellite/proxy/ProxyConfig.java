package im.satellite.proxy;

import im.satellite.core.config.ConfigSection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The proxy's settings from {@code components.proxy} in {@code satellite.yml} (documented in docs/file-proxy.md).
 * The SOCKS5 keys are prefixed ({@code socks-bind}, {@code socks-port}) because {@code host} and {@code port} of a
 * component section belong to its XEP-0114 link.
 *
 * @param name               the disco#info identity name (XEP-0065 §6.2)
 * @param socksBind          the address the SOCKS5 listener binds ({@code 0.0.0.0}, {@code ::} or one address)
 * @param socksPort          the listener's port; 0 picks a free one (tests)
 * @param advertiseHosts     host names or addresses announced in the streamhost query (XEP-0065 §6.3.1); empty
 *                           means the service's domain; IPv6 literals are written as RFC 5952 requires
 * @param advertisePort      the port announced; 0 means the port actually bound
 * @param allowDomains       domains whose users may use the proxy besides the server's own domain
 * @param allowJids          further bare JIDs that may use the proxy
 * @param admins             bare JIDs that may run the statistics command (XEP-0050)
 * @param activationTimeout  how long a SOCKS5 connection may wait for its partner and activation
 * @param idleTimeout        how long an activated relay may move no byte before it is closed
 * @param maxTransfers       active relays at most, over all users
 * @param maxTransfersPerUser active relays at most per initiator (bare JID)
 * @param rateLimit          bytes per second per direction of one transfer; 0 for no limit
 * @param maxBytes           bytes per transfer (both directions together); 0 for no limit
 * @param statsInterval      period of the INFO statistics line while transfers are active
 * @param socksThreads       event loop threads of the SOCKS5 listener; 0 for the number of cores
 * @param samePairLoop       whether the two connections of a transfer are moved onto one event loop on activation
 */
public record ProxyConfig(String name, String socksBind, int socksPort, List<String> advertiseHosts,
                          int advertisePort, List<String> allowDomains, List<String> allowJids, List<String> admins,
                          Duration activationTimeout, Duration idleTimeout, int maxTransfers,
                          int maxTransfersPerUser, long rateLimit, long maxBytes, Duration statsInterval,
                          int socksThreads, boolean samePairLoop) {

    public ProxyConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(socksBind, "socksBind");
        advertiseHosts = List.copyOf(advertiseHosts);
        allowDomains = List.copyOf(allowDomains);
        allowJids = List.copyOf(allowJids);
        admins = List.copyOf(admins);
        Objects.requireNonNull(activationTimeout, "activationTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(statsInterval, "statsInterval");
    }

    /** Reads and validates the options; problems are recorded on {@code o}. */
    static ProxyConfig read(ConfigSection o) {
        String bind = o.string("socks-bind", "0.0.0.0");
        if (!isIpLiteral(bind)) {
            o.problem("socks-bind", "must be an IPv4 or IPv6 address, not '" + bind + "'");
            bind = "0.0.0.0";
        }
        List<String> advertise = new ArrayList<>();
        for (String h : o.strings("advertise-host")) {
            advertise.add(isIpLiteral(h) && h.contains(":") ? rfc5952(h) : h.toLowerCase(Locale.ROOT));
        }
        Duration activation = positive(o, "activation-timeout", Duration.ofSeconds(60));
        Duration idle = positive(o, "idle-timeout", Duration.ofMinutes(2));
        Duration stats = positive(o, "stats-interval", Duration.ofSeconds(60));
        long rate = o.bytes("rate-limit", 0);
        long maxBytes = o.bytes("max-bytes", 0);
        return new ProxyConfig(
                o.string("name", "SOCKS5 Bytestreams Service"), bind,
                o.integer("socks-port", 7777, 0, 65535), advertise,
                o.integer("advertise-port", 0, 0, 65535),
                lower(o.strings("allow-domains")), lower(o.strings("allow-jids")), lower(o.strings("admins")),
                activation, idle,
                o.integer("max-transfers", 1000, 1, 1_000_000),
                o.integer("max-transfers-per-user", 10, 1, 1_000_000),
                rate, maxBytes, stats,
                o.integer("socks-threads", 0, 0, 256),
                o.bool("pair-on-one-loop", true));
    }

    private static Duration positive(ConfigSection o, String key, Duration def) {
        Duration d = o.duration(key, def);
        if (d.isZero() || d.isNegative()) {
            o.problem(key, "must be longer than zero");
            return def;
        }
        return d;
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether {@code s} is an IP address literal (no DNS lookup is made for it). */
    static boolean isIpLiteral(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
    }

    /** An IPv6 literal in RFC 5952 form: lower case, no leading zeros, the longest run of zero groups as "::". */
    static String rfc5952(String literal) {
        byte[] b;
        try {
            b = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
        if (b.length != 16) {
            return literal;
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
