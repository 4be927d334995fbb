package im.satellite.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.stream.ComponentConnector;
import im.satellite.core.testkit.EchoServiceFactory;
import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerSpec;
import im.satellite.core.testkit.host.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.LoggerFactory;

/**
 * XEP-0114 against a real host server: Satellite's runtime (with the echo service) connects, a real Smack client's
 * disco#info, ping and messages reach it through the server, a wrong secret is refused and reported, and after the
 * server restarts the component reconnects by itself and answers again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractComponentLinkIT {
    static final String ECHO = "echo.localhost";
    static final String SECRET = "it-secret-1b7e";
    static final String OTHER = "other.localhost";
    static final Duration WAIT = Duration.ofSeconds(30);

    static HostServerSpec spec() {
        return HostServerSpec.builder().component(ECHO, SECRET).component(OTHER, "the-right-one").build();
    }

    abstract HostServer server();

    private static ComponentRunner runner;

    static ComponentRunner start(HostServer server, String subdomain, String secret) {
        return ComponentRunner.start(new ConfigLoader(List.of(new EchoServiceFactory())).parse("""
                server: {host: 127.0.0.1, port: %d, domain: %s}
                link: {reconnect-min: 200ms, reconnect-max: 2s, auth-failure-retry: 1s}
                components:
                  echo: {subdomain: %s, secret: %s}
                """.formatted(server.componentPort(subdomain), server.domain(), subdomain, secret), "it"));
    }

    @BeforeAll
    void startSatellite() throws Exception {
        runner = start(server(), ECHO, SECRET);
        runner.awaitOnline(WAIT);
    }

    @AfterAll
    void stopSatellite() {
        if (runner != null) {
            runner.close();
        }
    }

    private XMPPTCPConnection client(String name) throws Exception {
        return TestClients.connectNewUser(server(), name + System.nanoTime() % 100000);
    }

    @Test
    @Order(1)
    void clientGetsDiscoInfoAndPingAnsweredThroughTheServer() throws Exception {
        XMPPTCPConnection c = client("disco");
        try {
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(JidCreate.domainBareFrom(ECHO));
            assertEquals("Echo", info.getIdentities().get(0).getName(), "the component's identity reaches the client");
            assertTrue(info.containsFeature("urn:xmpp:ping"));
            assertTrue(info.containsFeature("urn:satellite:echo"));
            assertTrue(PingManager.getInstanceFor(c).ping(JidCreate.domainBareFrom(ECHO)), "XEP-0199 ping is answered");
        } finally {
            c.disconnect();
        }
    }

    @Test
    @Order(2)
    void messagesFlowBothWaysInOrder() throws Exception {
        XMPPTCPConnection c = client("echo");
        try {
            var room = JidCreate.entityBareFrom("room@" + ECHO);
            StanzaCollector collector = c.createStanzaCollector(
                    new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(room)));
            for (int i = 0; i < 20; i++) {
                c.sendStanza(MessageBuilder.buildMessage("m" + i).ofType(Message.Type.chat).to(room)
                        .setBody("hello " + i).build());
            }
            for (int i = 0; i < 20; i++) {
                Message m = collector.nextResult(WAIT.toMillis());
                assertEquals("hello " + i, m.getBody(), "echoes arrive in the order sent");
            }
            collector.cancel();
        } finally {
            c.disconnect();
        }
    }

    @Test
    @Order(3)
    void wrongSecretIsRefusedAndReported() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger log = (Logger) LoggerFactory.getLogger(ComponentConnector.class);
        log.addAppender(logs);
        ComponentRunner wrong = start(server(), OTHER, "not-the-secret");
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (logs.list.stream().noneMatch(e -> e.getLevel() == Level.ERROR) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<String> errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(1, errors.size(), "the refusal is reported once: " + errors);
            assertTrue(errors.get(0).contains("refused the handshake") && errors.get(0).contains("components.echo.secret"),
                    errors.get(0));
            assertFalse(errors.get(0).contains("not-the-secret"), "the secret is never logged");
            assertFalse(wrong.host("echo").connector().isOnline());
        } finally {
            log.detachAppender(logs);
            wrong.close();
        }
    }

    @Test
    @Order(4)
    void reconnectsByItselfAfterTheServerRestarts() throws Exception {
        server().restart();
        long deadline = System.nanoTime() + WAIT.toNanos();
        XMPPTCPConnection c = null;
        try {
            c = client("after");
            boolean answered = false;
            while (!answered && System.nanoTime() < deadline) {
                try {
                    answered = PingManager.getInstanceFor(c).ping(JidCreate.domainBareFrom(ECHO), 2000);
                } catch (SmackException.NoResponseException e) {
                    answered = false;
                }
                if (!answered) {
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
            assertTrue(answered, "the component answers again after the server restarted");
            assertTrue(runner.host("echo").connector().isOnline());
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }
}
