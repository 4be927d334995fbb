package im.satellite.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.testkit.host.HostServerExtension;
import im.satellite.core.testkit.host.HostServerSpec;
import im.satellite.core.testkit.host.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The real launcher, as an admin runs it: {@code bin/satellite run} as its own process against a real Prosody. A
 * client's disco#info is answered through the server; SIGTERM stops it gracefully.
 */
class SatelliteProcessIT {
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(
            HostServerSpec.builder().component("proxy.localhost", "process-it-secret").build());

    @Test
    void runsAnswersThroughTheServerAndStopsGracefullyOnSigterm() throws Exception {
        Path dir = Files.createTempDirectory("satellite-it");
        Path config = dir.resolve("satellite.yml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: %d, domain: localhost}
                database: {url: "jdbc:sqlite:%s"}
                components:
                  proxy:
                    subdomain: proxy.localhost
                    secret: ${IT_PROXY_SECRET}
                    socks-bind: 127.0.0.1
                    socks-port: 0
                """.formatted(PROSODY.server().componentPort("proxy.localhost"), dir.resolve("data/sat.db")));
        Path log = dir.resolve("satellite.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of("..", "bin", "satellite").toAbsolutePath().toString(),
                "run", "--config", config.toString());
        pb.environment().put("IT_PROXY_SECRET", "process-it-secret");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(log).contains("connected to") && System.nanoTime() < deadline) {
                assertTrue(p.isAlive(), "Satellite exited early:\n" + Files.readString(log));
                Thread.sleep(100);
            }
            assertTrue(Files.readString(log).contains("proxy (proxy.localhost): connected to"), Files.readString(log));

            XMPPTCPConnection c = TestClients.connectNewUser(PROSODY.server(), "probe");
            try {
                DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(c)
                        .discoverInfo(JidCreate.domainBareFrom("proxy.localhost"));
                assertTrue(info.hasIdentity("proxy", "bytestreams"), "the proxy answers a client through Prosody");
            } finally {
                c.disconnect();
            }

            p.destroy();  // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "Satellite stops after SIGTERM");
            String out = Files.readString(log);
            assertTrue(out.contains("Shutting down") && out.contains("Stopped"), out);
            assertTrue(!out.contains("WARN") && !out.contains("ERROR"), "a clean stop logs no warning:\n" + out);
            assertEquals(143, p.exitValue(), "the JVM's exit status after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }
}
