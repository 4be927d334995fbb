package im.satellite.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.testkit.host.HostServerExtension;
import im.satellite.core.testkit.host.HostServerSpec;
import im.satellite.core.testkit.host.TestClients;
import im.satellite.proxy.socks5.StreamHash;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Proxy;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The proxy between two Smack clients through a real Prosody (STYLE 7.8.5): XEP-0065 §6 mediated connection with
 * the proxy found by Smack through the server's disco#items (§6.2), byte-for-byte delivery, activation rules
 * (§6.3.6) and the activation timeout.
 */
class ProxyIT {
    private static final String SECRET = "proxy-it-secret";

    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(
            HostServerSpec.builder().component("proxy.localhost", SECRET).build());

    private static ComponentRunner runner;
    private static XMPPTCPConnection alice;
    private static XMPPTCPConnection bob;
    private static XMPPTCPConnection mallory;

    @BeforeAll
    static void start() throws Exception {
        runner = ComponentRunner.start(new ConfigLoader(List.of(new FileProxyServiceFactory())).parse("""
                server: {host: 127.0.0.1, port: %d, domain: localhost}
                components:
                  proxy:
                    subdomain: proxy.localhost
                    secret: %s
                    socks-bind: 127.0.0.1
                    socks-port: 0
                    advertise-host: 127.0.0.1
                    activation-timeout: 2s
                """.formatted(PROSODY.server().componentPort(), SECRET), "it"));
        runner.awaitOnline(Duration.ofSeconds(20));
        // Only the proxy may carry the streams: no direct connection to a client's own SOCKS5 server.
        Socks5Proxy.setLocalSocks5ProxyEnabled(false);
        alice = TestClients.connectNewUser(PROSODY.server(), "alice");
        bob = TestClients.connectNewUser(PROSODY.server(), "bob");
        mallory = TestClients.connectNewUser(PROSODY.server(), "mallory");
        for (XMPPTCPConnection c : List.of(alice, bob, mallory)) {
            Socks5BytestreamManager m = Socks5BytestreamManager.getBytestreamManager(c);
            m.setAnnounceLocalStreamHost(false);
        }
    }

    @AfterAll
    static void stop() {
        for (XMPPTCPConnection c : new XMPPTCPConnection[] {alice, bob, mallory}) {
            if (c != null) {
                c.disconnect();
            }
        }
        if (runner != null) {
            runner.close();
        }
    }

    private static FileProxyService service() {
        return (FileProxyService) runner.host("proxy").service();
    }

    private static StanzaError.Condition activate(XMPPTCPConnection from, String sid) throws Exception {
        Bytestream activate = new Bytestream(sid);
        activate.setType(IQ.Type.set);
        activate.setTo(JidCreate.from("proxy.localhost"));
        activate.setToActivate(bob.getUser());
        XMPPErrorException e = assertThrows(XMPPErrorException.class,
                () -> from.sendIqRequestAndWaitForResponse(activate));
        return e.getStanzaError().getCondition();
    }

    @Test
    void smackFindsTheProxyAndA50MiBFileArrivesByteForByte() throws Exception {
        byte[] file = new byte[50 << 20];
        new Random(65).nextBytes(file);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(file);
        long finishedBefore = service().stats().finishedTransfers();

        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Socks5BytestreamManager.getBytestreamManager(bob).addIncomingBytestreamListener(request -> {
            try {
                BytestreamSession session = request.accept();
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                long n = 0;
                try (InputStream in = session.getInputStream()) {
                    byte[] buf = new byte[64 * 1024];
                    for (int r; (r = in.read(buf)) >= 0; ) {
                        md.update(buf, 0, r);
                        n += r;
                    }
                }
                session.close();
                assertEquals(file.length, n, "the target read the whole file");
                received.complete(md.digest());
            } catch (Throwable t) {
                received.completeExceptionally(t);
            }
        });

        Socks5BytestreamManager manager = Socks5BytestreamManager.getBytestreamManager(alice);
        assertEquals(List.of(JidCreate.from("proxy.localhost")), manager.determineProxies(),
                "XEP-0065 §6.2: Smack finds the proxy in the server's disco#items");
        long start = System.nanoTime();
        BytestreamSession session = manager.establishSession(bob.getUser());
        try (OutputStream out = session.getOutputStream()) {
            for (int off = 0; off < file.length; off += 256 * 1024) {
                out.write(file, off, Math.min(256 * 1024, file.length - off));
            }
        }
        session.close();
        assertArrayEquals(expected, received.get(60, TimeUnit.SECONDS), "the SHA-256 of what arrived matches");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        org.slf4j.LoggerFactory.getLogger(ProxyIT.class).info("50 MiB through Prosody and the proxy in {} ms", millis);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (service().stats().finishedTransfers() == finishedBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(service().stats().bytesRelayed() >= file.length, "the bytes went through our proxy");
        assertEquals(0, service().stats().activeTransfers(), "and the relay ended after the transfer");
    }

    @Test
    void activationByAStrangerIsRefused() throws Exception {
        String sid = "stranger-" + System.nanoTime();
        StreamHash hash = StreamHash.of(sid, alice.getUser().toString(), bob.getUser().toString());
        try (Socket target = new Socket("127.0.0.1", service().socksPort());
             Socket initiator = new Socket("127.0.0.1", service().socksPort())) {
            assertEquals(0, ProxyHarness.negotiate(target, hash.hex()));
            assertEquals(0, ProxyHarness.negotiate(initiator, hash.hex()));
            assertEquals(StanzaError.Condition.item_not_found, activate(mallory, sid),
                    "§6.3.6: the stranger's JID does not hash to the stream");
            assertEquals(StanzaError.Condition.item_not_found, activate(bob, sid), "nor does the target's");

            Bytestream ok = new Bytestream(sid);
            ok.setType(IQ.Type.set);
            ok.setTo(JidCreate.from("proxy.localhost"));
            ok.setToActivate(bob.getUser());
            alice.sendIqRequestAndWaitForResponse(ok);
            initiator.getOutputStream().write(42);
            assertEquals(42, target.getInputStream().read(), "the real initiator's activation works");
        }
    }

    @Test
    void unactivatedPairTimesOut() throws Exception {
        String sid = "late-" + System.nanoTime();
        StreamHash hash = StreamHash.of(sid, alice.getUser().toString(), bob.getUser().toString());
        try (Socket target = new Socket("127.0.0.1", service().socksPort());
             Socket initiator = new Socket("127.0.0.1", service().socksPort())) {
            assertEquals(0, ProxyHarness.negotiate(target, hash.hex()));
            assertEquals(0, ProxyHarness.negotiate(initiator, hash.hex()));
            assertEquals(-1, target.getInputStream().read(), "closed after the 2 s activation timeout");
            assertEquals(-1, initiator.getInputStream().read());
        }
        assertEquals(StanzaError.Condition.item_not_found, activate(alice, sid),
                "a timed-out stream can no longer be activated");
    }
}
