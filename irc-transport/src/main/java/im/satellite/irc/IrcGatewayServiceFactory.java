package im.satellite.irc;

import im.satellite.core.ComponentService;
import im.satellite.core.ServiceContext;
import im.satellite.core.ServiceFactory;
import im.satellite.core.config.ConfigSection;
import im.satellite.irc.client.IrcNetwork;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Creates the IRC gateway ({@code components.irc} in {@code satellite.yml}); see docs/irc-transport.md. */
public final class IrcGatewayServiceFactory implements ServiceFactory<IrcGatewaySettings> {

    public IrcGatewayServiceFactory() {
        // dist wires factories by their public no-arg constructor.
    }

    @Override
    public String key() {
        return "irc";
    }

    @Override
    public String description() {
        return "IRC gateway: IRC channels as multi-user chat rooms (XEP-0100, XEP-0045)";
    }

    @Override
    public boolean usesDatabase() {
        return true;
    }

    @Override
    public IrcGatewaySettings configure(ConfigSection o) {
        Duration rmin = o.duration("reconnect-min", Duration.ofSeconds(2));
        Duration rmax = o.duration("reconnect-max", Duration.ofMinutes(5));
        int burst = o.integer("flood-burst", 5, 1, 1000);
        Duration interval = o.duration("flood-interval", Duration.ofSeconds(2));
        Map<String, IrcNetwork> networks = new LinkedHashMap<>();
        ConfigSection ns = o.section("networks");
        for (String name : ns.keys()) {
            ConfigSection n = ns.section(name);
            String lower = name.toLowerCase(Locale.ROOT);
            boolean tls = n.bool("tls", true);
            java.nio.file.Path cert = file(n, "client-certificate");
            java.nio.file.Path key = file(n, "client-key");
            if ((cert == null) != (key == null)) {
                n.problem(cert == null ? "client-certificate" : "client-key",
                        "client-certificate and client-key go together");
                cert = null;
                key = null;
            }
            networks.put(lower, new IrcNetwork(lower, n.string("host", lower), n.integer("port", tls ? 6697 : 6667,
                    1, 65535), tls, n.bool("verify-certificate", true), n.string("password", null),
                    charset(n, "encoding", StandardCharsets.UTF_8), charset(n, "fallback-encoding",
                    StandardCharsets.ISO_8859_1), n.integer("flood-burst", burst, 1, 1000),
                    n.duration("flood-interval", interval), rmin, rmax, cert, key));
        }
        boolean unlisted = o.bool("allow-unlisted-networks", false);
        int perUser = o.integer("max-connections-per-user", 5, 1, 1000);
        int total = o.integer("max-connections", 1000, 1, 1_000_000);
        String key = o.string("secret-key", null);
        byte[] keyBytes = null;
        if (key == null || key.isBlank()) {
            o.problem("secret-key", "is required: base64 of 32 random bytes (openssl rand -base64 32); it seals "
                    + "stored IRC passwords");
        } else {
            try {
                keyBytes = Base64.getDecoder().decode(key.trim());
                if (keyBytes.length != 16 && keyBytes.length != 24 && keyBytes.length != 32) {
                    o.problem("secret-key", "must decode to 16, 24 or 32 bytes, not " + keyBytes.length);
                }
            } catch (IllegalArgumentException e) {
                o.problem("secret-key", "must be base64");
            }
        }
        IrcNetwork defaults = new IrcNetwork("*", "*", 6697, true, true, null, StandardCharsets.UTF_8,
                StandardCharsets.ISO_8859_1, burst, interval, rmin, rmax);
        return new IrcGatewaySettings(networks, unlisted, o.strings("allowed-domains"), perUser, total, keyBytes,
                o.strings("admins"), o.duration("ping-interval", Duration.ofSeconds(120)), defaults);
    }

    private static java.nio.file.Path file(ConfigSection n, String key) {
        String v = n.string(key, null);
        if (v == null || v.isBlank()) {
            return null;
        }
        java.nio.file.Path p = java.nio.file.Path.of(v);
        if (!java.nio.file.Files.isReadable(p)) {
            n.problem(key, "cannot read " + v);
            return null;
        }
        return p;
    }

    private static Charset charset(ConfigSection n, String key, Charset def) {
        String v = n.string(key, null);
        if (v == null) {
            return def;
        }
        try {
            return Charset.forName(v);
        } catch (IllegalArgumentException e) {
            n.problem(key, "unknown charset '" + v + "'");
            return def;
        }
    }

    @Override
    public ComponentService create(IrcGatewaySettings settings, ServiceContext context) {
        return new IrcGatewayService(settings, context);
    }
}
