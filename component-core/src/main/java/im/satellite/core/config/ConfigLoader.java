package im.satellite.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import im.satellite.core.ServiceFactory;
import im.satellite.core.stream.LinkSettings;
import im.satellite.persistence.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code satellite.yml} and validates all of it before anything starts: every problem is collected and
 * reported together, each naming its key. Values may use {@code ${NAME}} or {@code ${NAME:-default}} to take
 * secrets from the environment; only values that are read are resolved, so a disabled component needs none.
 */
public final class ConfigLoader {
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private final List<ServiceFactory<?>> factories;
    private final Function<String, String> env;

    public ConfigLoader(List<ServiceFactory<?>> factories) {
        this(factories, System::getenv);
    }

    public ConfigLoader(List<ServiceFactory<?>> factories, Function<String, String> env) {
        this.factories = List.copyOf(factories);
        this.env = env;
    }

    public SatelliteConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    public SatelliteConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigException(List.of(source + ": not valid YAML" + where + ": " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        ConfigSection top = new ConfigSection("", root, problems, env);
        SatelliteConfig config = read(top, problems);
        top.reportUnknownKeys();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(p -> source + ": " + p).toList());
        }
        return config;
    }

    private SatelliteConfig read(ConfigSection top, List<String> problems) {
        ConfigSection server = top.section("server");
        String host = server.string("host", "127.0.0.1");
        int port = server.integer("port", 5347, 1, 65535);
        String serverDomain = server.requiredString("domain");
        checkDomain(server, "domain", serverDomain);

        ConfigSection db = top.section("database");
        DatabaseConfig database = new DatabaseConfig(db.string("url", "jdbc:sqlite:data/satellite.db"),
                db.string("username", null), db.string("password", null), db.integer("pool-size", 4, 1, 64));

        ConfigSection link = top.section("link");
        Defaults d = new Defaults(
                (int) Math.min(Integer.MAX_VALUE, link.bytes("max-stanza-size", 512 * 1024)),
                link.duration("keepalive", Duration.ofSeconds(30)),
                link.duration("read-idle", Duration.ofSeconds(90)),
                link.duration("reconnect-min", Duration.ofMillis(500)),
                link.duration("reconnect-max", Duration.ofSeconds(60)),
                link.duration("auth-failure-retry", Duration.ofSeconds(60)),
                link.duration("handshake-timeout", Duration.ofSeconds(20)),
                link.integer("workers", 4, 1, 256),
                link.string("multicast", null),
                link.integer("multicast-max-addresses", LinkSettings.DEFAULT_MULTICAST_MAX_ADDRESSES, 1, 100_000));
        checkAtLeast(link, "max-stanza-size", d.maxStanza, 1024, "1KiB");
        checkAtLeast(link, "reconnect-min", d.reconnectMin.toMillis(), 10, "10ms");
        checkAtLeast(link, "auth-failure-retry", d.authRetry.toMillis(), 100, "100ms");
        checkAtLeast(link, "handshake-timeout", d.handshakeTimeout.toMillis(), 1000, "1s");
        checkAtLeast(link, "keepalive", d.keepAlive.toMillis(), 1000, "1s");
        checkAtLeast(link, "read-idle", d.readIdle.toMillis(), 1000, "1s");
        if (d.reconnectMax.compareTo(d.reconnectMin) < 0) {
            link.problem("reconnect-max", "must not be less than reconnect-min");
        }

        ConfigSection comps = top.section("components");
        Map<String, ServiceFactory<?>> known = factories.stream()
                .collect(Collectors.toMap(ServiceFactory::key, f -> f, (a, b) -> a, java.util.LinkedHashMap::new));
        List<ComponentConfig<?>> enabled = new ArrayList<>();
        for (String name : comps.keys()) {
            ServiceFactory<?> f = known.get(name);
            ConfigSection c = comps.section(name);
            if (f == null) {
                comps.problem(name, "unknown component (known: " + String.join(", ", known.keySet()) + ")");
                c.ignoreRest();
                continue;
            }
            if (!c.bool("enabled", true)) {
                c.ignoreRest();
                continue;
            }
            enabled.add(component(f, c, host, port, serverDomain, d));
        }
        if (enabled.isEmpty() && problems.isEmpty()) {
            top.problem("components", "no component is enabled");
        }
        return new SatelliteConfig(serverDomain, database, enabled);
    }

    private <S> ComponentConfig<S> component(ServiceFactory<S> f, ConfigSection c, String host, int port,
                                             String serverDomain, Defaults d) {
        String subdomain = c.requiredString("subdomain");
        checkDomain(c, "subdomain", subdomain);
        String secret = c.requiredString("secret");
        LinkSettings link = new LinkSettings(f.key(), c.string("host", host), c.integer("port", port, 1, 65535),
                subdomain.toLowerCase(java.util.Locale.ROOT), secret, serverDomain,
                (int) Math.min(Integer.MAX_VALUE, c.bytes("max-stanza-size", d.maxStanza)), d.keepAlive, d.readIdle,
                d.reconnectMin, d.reconnectMax, d.authRetry, d.handshakeTimeout,
                c.string("multicast", d.multicast), c.integer("multicast-max-addresses", d.multicastMax, 1, 100_000));
        if (link.multicast() != null) {
            checkDomain(c, "multicast", link.multicast());
            if (link.multicast().equalsIgnoreCase(link.domain())) {
                c.problem("multicast", "is the component's own domain; name the host server's multicast service");
            }
        }
        checkAtLeast(c, "max-stanza-size", link.maxStanzaBytes(), 1024, "1KiB");
        int workers = c.integer("workers", d.workers, 1, 256);
        S settings = f.configure(c);
        return new ComponentConfig<>(f, link, workers, settings);
    }

    private static void checkAtLeast(ConfigSection s, String key, long value, long min, String minText) {
        if (value < min) {
            s.problem(key, "must be at least " + minText);
        }
    }

    private static void checkDomain(ConfigSection s, String key, String value) {
        if (!value.isEmpty() && !DOMAIN.matcher(value).matches()) {
            s.problem(key, "'" + value + "' is not a domain name");
        }
    }

    private record Defaults(int maxStanza, Duration keepAlive, Duration readIdle, Duration reconnectMin,
                            Duration reconnectMax, Duration authRetry, Duration handshakeTimeout, int workers,
                            String multicast, int multicastMax) {
    }
}
