package im.satellite.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.testkit.EchoServiceFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(List.of(new EchoServiceFactory()),
            Map.of("ECHO_SECRET", "from-env")::get);

    private static final String VALID = """
            server:
              host: 127.0.0.1
              port: 5347
              domain: example.org
            database:
              url: jdbc:sqlite:/tmp/x.db
            link:
              max-stanza-size: 64KiB
              reconnect-max: 2m
            components:
              echo:
                subdomain: echo.example.org
                secret: ${ECHO_SECRET}
                name: Echo Echo
            """;

    @Test
    void readsAValidFile() {
        SatelliteConfig c = loader.parse(VALID, "test.yml");
        assertEquals("example.org", c.serverDomain());
        assertEquals("jdbc:sqlite:/tmp/x.db", c.database().url());
        ComponentConfig<?> echo = c.components().get(0);
        assertEquals("echo.example.org", echo.link().domain());
        assertEquals("from-env", echo.link().secret(), "secrets can come from the environment");
        assertEquals(64 * 1024, echo.link().maxStanzaBytes());
        assertEquals(Duration.ofMinutes(2), echo.link().reconnectMax());
        assertEquals("Echo Echo", echo.settings());
        assertTrue(!echo.link().toString().contains("from-env"), "the secret is not printed");
    }

    @Test
    void reportsEveryProblemWithItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                server:
                  port: seventy
                  domain: example.org
                link:
                  keepalive: soon
                components:
                  echo:
                    subdomian: echo.example.org
                    secret: ${MISSING_VAR}
                  mucc:
                    subdomain: x
                """, "bad.yml"));
        List<String> p = e.problems();
        assertTrue(p.contains("bad.yml: server.port: must be a whole number, not 'seventy'"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("bad.yml: link.keepalive: must be a duration")), p.toString());
        assertTrue(p.contains("bad.yml: components.echo.secret: environment variable MISSING_VAR is not set"), p.toString());
        assertTrue(p.contains("bad.yml: components.echo.subdomain: is required"), p.toString());
        assertTrue(p.contains("bad.yml: components.echo.subdomian: unknown key"), p.toString());
        assertTrue(p.contains("bad.yml: components.mucc: unknown component (known: echo)"), p.toString());
    }

    @Test
    void envDefaultIsUsedWhenTheVariableIsUnset() {
        SatelliteConfig c = loader.parse(VALID.replace("${ECHO_SECRET}", "${NOPE:-fallback}"), "t");
        assertEquals("fallback", c.components().get(0).link().secret());
    }

    @Test
    void disabledComponentsAreNotCheckedOrStarted() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                server: {domain: example.org}
                components:
                  echo: {enabled: false, whatever: 1, secret: "${UNSET_BUT_DISABLED}"}
                """, "t"));
        assertEquals(List.of("t: components: no component is enabled"), e.problems());
    }

    @Test
    void invalidYamlNamesTheLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("server:\n  domain: [oops\n", "t"));
        assertTrue(e.problems().get(0).startsWith("t: not valid YAML (line"), e.problems().toString());
    }

    @Test
    void multicastIsOffUnlessSetAndIsInheritedFromTheLinkSection() {
        assertEquals(null, loader.parse(VALID, "t").components().get(0).link().multicast(),
                "one stanza per recipient unless an admin names a multicast service");
        SatelliteConfig c = loader.parse(VALID.replace("  reconnect-max: 2m",
                "  reconnect-max: 2m\n  multicast: example.org\n  multicast-max-addresses: 500"), "t");
        assertEquals("example.org", c.components().get(0).link().multicast());
        assertEquals(500, c.components().get(0).link().multicastMaxAddresses());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(VALID.replace(
                "  reconnect-max: 2m", "  reconnect-max: 2m\n  multicast: not a domain\n  multicast-max-addresses: 0"),
                "t"));
        assertTrue(e.problems().toString().contains("multicast: 'not a domain' is not a domain name"),
                e.problems().toString());
        assertTrue(e.problems().toString().contains("link.multicast-max-addresses"), e.problems().toString());
        ConfigException self = assertThrows(ConfigException.class, () -> loader.parse(VALID.replace(
                "  reconnect-max: 2m", "  reconnect-max: 2m\n  multicast: echo.example.org"), "t"));
        assertTrue(self.problems().toString().contains("is the component's own domain"), self.problems().toString());
    }

    @Test
    void limitsAndTimingsHaveLowerBounds() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(VALID.replace(
                "  reconnect-max: 2m", "  reconnect-max: 2m\n  reconnect-min: 0ms\n  handshake-timeout: 0s"), "t"));
        assertTrue(e.problems().contains("t: link.reconnect-min: must be at least 10ms"), e.problems().toString());
        assertTrue(e.problems().contains("t: link.handshake-timeout: must be at least 1s"), e.problems().toString());
        ConfigException big = assertThrows(ConfigException.class,
                () -> loader.parse(VALID.replace("64KiB", "99999999999999999999KiB"), "t"));
        assertTrue(big.problems().get(0).contains("link.max-stanza-size: is too large"), big.problems().toString());
    }

    @Test
    void badDomainIsRejected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse(VALID.replace("echo.example.org", "echo example"), "t"));
        assertEquals(List.of("t: components.echo.subdomain: 'echo example' is not a domain name"), e.problems());
    }
}
