package im.satellite.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.config.ConfigException;
import im.satellite.core.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code components.proxy} keys: defaults, parsing and the problems reported for bad values. */
class ProxyConfigTest {

    private static ProxyConfig parse(String options) {
        return (ProxyConfig) new ConfigLoader(List.of(new FileProxyServiceFactory())).parse("""
                server: {domain: example.org}
                components:
                  proxy:
                    subdomain: proxy.example.org
                    secret: s
                """ + options.indent(4), "test").components().get(0).settings();
    }

    @Test
    void defaults() {
        ProxyConfig c = parse("");
        assertEquals("0.0.0.0", c.socksBind());
        assertEquals(7777, c.socksPort());
        assertEquals(List.of(), c.advertiseHosts(), "empty: the service domain is advertised");
        assertEquals(Duration.ofSeconds(60), c.activationTimeout());
        assertEquals(Duration.ofMinutes(2), c.idleTimeout());
        assertEquals(0, c.rateLimit());
        assertEquals(0, c.maxBytes());
        assertEquals(10, c.maxTransfersPerUser());
        assertTrue(c.samePairLoop(), "a transfer's two connections share one event loop");
    }

    @Test
    void readsEveryKey() {
        ProxyConfig c = parse("""
                socks-bind: "::"
                socks-port: 5000
                advertise-host: [proxy.example.org, 203.0.113.5, "2001:DB8:0:0:1:0:0:5"]
                advertise-port: 443
                allow-domains: [Partner.example]
                allow-jids: bot@elsewhere.example
                admins: [admin@example.org]
                activation-timeout: 30s
                idle-timeout: 5m
                max-transfers: 50
                max-transfers-per-user: 2
                rate-limit: 10MiB
                max-bytes: 4GiB
                stats-interval: 10s
                socks-threads: 2
                pair-on-one-loop: false
                """);
        assertEquals("::", c.socksBind());
        assertEquals(List.of("proxy.example.org", "203.0.113.5", "2001:db8::1:0:0:5"), c.advertiseHosts(),
                "IPv6 in RFC 5952 form, as XEP-0065 §6.3.1 requires");
        assertEquals(443, c.advertisePort());
        assertEquals(List.of("partner.example"), c.allowDomains());
        assertEquals(10L << 20, c.rateLimit());
        assertEquals(4L << 30, c.maxBytes());
        assertEquals(2, c.socksThreads());
        assertFalse(c.samePairLoop());
    }

    @Test
    void rfc5952CompressesTheLongestZeroRun() {
        assertEquals("2001:db8::1", ProxyConfig.rfc5952("2001:0db8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", ProxyConfig.rfc5952("2001:db8:0:1:1:1:1:1"), "a single 0 stays");
        assertEquals("2001:0:0:1::1", ProxyConfig.rfc5952("2001:0:0:1:0:0:0:1"));
        assertEquals("::1", ProxyConfig.rfc5952("0:0:0:0:0:0:0:1"));
    }

    @Test
    void reportsBadValues() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                socks-bind: proxy.example.org
                activation-timeout: 0s
                max-transfers: 0
                rate-limit: fast
                """));
        String m = e.getMessage();
        assertTrue(m.contains("components.proxy.socks-bind"), m);
        assertTrue(m.contains("components.proxy.activation-timeout"), m);
        assertTrue(m.contains("components.proxy.max-transfers"), m);
        assertTrue(m.contains("components.proxy.rate-limit"), m);
    }
}
