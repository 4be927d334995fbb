package im.satellite.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.config.SatelliteConfig;
import im.satellite.core.stream.ComponentConnector;
import im.satellite.core.testkit.EchoServiceFactory;
import im.satellite.core.testkit.FakeXmppServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** The runtime against a scripted XEP-0114 server: handshake, routing, reconnects, limits and shutdown. */
class ComponentRunnerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LINK_LOGGER = "im.satellite.core.stream.ComponentLink";
    private FakeXmppServer server;
    private ComponentRunner runner;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeXmppServer("s3cret");
        logs.start();
        ((Logger) LoggerFactory.getLogger(ComponentConnector.class)).addAppender(logs);
        ((Logger) LoggerFactory.getLogger(LINK_LOGGER)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(ComponentConnector.class)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger(LINK_LOGGER)).detachAppender(logs);
        if (runner != null) {
            runner.close();
        }
        server.close();
    }

    private SatelliteConfig config(String secret, String extraLink) {
        return new ConfigLoader(List.of(new EchoServiceFactory())).parse("""
                server: {host: 127.0.0.1, port: %d, domain: localhost}
                link: {reconnect-min: 50ms, reconnect-max: 200ms, auth-failure-retry: 300ms%s}
                components:
                  echo: {subdomain: echo.localhost, secret: %s}
                """.formatted(server.port(), extraLink, secret), "test");
    }

    private void start(String secret, String extraLink) throws Exception {
        runner = ComponentRunner.start(config(secret, extraLink), java.time.Clock.systemUTC(), Duration.ofSeconds(2));
    }

    private Element take() throws InterruptedException {
        Element e = server.take(WAIT);
        assertNotNull(e, "expected a stanza from the component");
        return e;
    }

    @Test
    void answersDiscoPingAndVersionAtItsDomain() throws Exception {
        start("s3cret", "");
        runner.awaitOnline(WAIT);
        server.send("<iq type='get' id='d1' from='u@localhost/r' to='echo.localhost'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        Element info = take();
        assertEquals("result", info.attributeValue("type"));
        assertEquals("d1", info.attributeValue("id"));
        assertEquals("echo.localhost", info.attributeValue("from"));
        Set<String> features = new TreeSet<>();
        for (Element f : info.element("query").elements("feature")) {
            features.add(f.attributeValue("var"));
        }
        assertTrue(features.containsAll(List.of("http://jabber.org/protocol/disco#info", "urn:xmpp:ping",
                "jabber:iq:version", "urn:xmpp:time", "urn:satellite:echo")), features.toString());
        assertEquals("Echo", info.element("query").element("identity").attributeValue("name"));

        server.send("<iq type='get' id='p1' from='u@localhost/r' to='echo.localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals("result", take().attributeValue("type"));
        server.send("<iq type='get' id='v1' from='u@localhost/r' to='echo.localhost'><query xmlns='jabber:iq:version'/></iq>");
        assertEquals("Satellite", take().element("query").elementText("name"));
        server.send("<iq type='set' id='x1' from='u@localhost/r' to='echo.localhost'><query xmlns='urn:unknown'/></iq>");
        Element err = take();
        assertEquals("error", err.attributeValue("type"));
        assertNotNull(err.element("error").element("service-unavailable"));
    }

    @Test
    void messagesOfOneSenderComeBackInOrder() throws Exception {
        start("s3cret", "");
        runner.awaitOnline(WAIT);
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            burst.append("<message type='chat' from='u@localhost/r' to='room@echo.localhost' id='m").append(i)
                    .append("'><body>").append(i).append("</body></message>");
        }
        server.send(burst.toString());
        for (int i = 0; i < 300; i++) {
            Element m = take();
            assertEquals("m" + i, m.attributeValue("id"));
            assertEquals("u@localhost/r", m.attributeValue("to"));
            assertEquals("room@echo.localhost", m.attributeValue("from"));
        }
    }

    private static Message groupchat(String body) {
        Message m = new Message();
        m.setFrom("room@echo.localhost/nick");
        m.setType(Message.Type.groupchat);
        m.setBody(body);
        return m;
    }

    @Test
    void broadcastIsWrittenOnceWithOnlyToDiffering() throws Exception {
        start("s3cret", "");
        runner.awaitOnline(WAIT);
        Outbound out = runner.host("echo").connector().outbound();
        Message m = groupchat("to all <&> of you");
        List<JID> to = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            to.add(new JID("user" + i + "@localhost/r"));
        }
        out.broadcast(m, to);
        for (int i = 0; i < 50; i++) {
            Element e = take();
            assertEquals("user" + i + "@localhost/r", e.attributeValue("to"));
            assertEquals("room@echo.localhost/nick", e.attributeValue("from"));
            assertEquals("to all <&> of you", e.elementText("body"));
        }
    }

    @Test
    void groupchatBroadcastGoesToTheMulticastServiceInChunksOfBccAddresses() throws Exception {
        start("s3cret", ", multicast: localhost, multicast-max-addresses: 20");
        runner.awaitOnline(WAIT);
        Outbound out = runner.host("echo").connector().outbound();
        Message m = groupchat("to all <&> of you");
        // A sender's own XEP-0033 addresses must not steer the fan-out: they are replaced, not added to.
        m.getElement().addElement("addresses", "http://jabber.org/protocol/address")
                .addElement("address").addAttribute("type", "bcc").addAttribute("jid", "stranger@elsewhere");
        List<JID> to = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            to.add(new JID("user" + i + "@localhost/r\"" + i));
        }
        // First the link asks the service what it offers; until it has answered, one stanza per recipient.
        Element probe = takeProbe();
        out.broadcast(m, to.subList(0, 2));
        assertEquals("user0@localhost/r\"0", take().attributeValue("to"));
        assertEquals("user1@localhost/r\"1", take().attributeValue("to"));
        answer(probe, "<feature var='http://jabber.org/protocol/disco#info'/>"
                + "<feature var='http://jabber.org/protocol/address'/>");
        out.broadcast(m, to);
        List<String> seen = new ArrayList<>();
        int[] sizes = new int[3];
        for (int chunk = 0; chunk < 3; chunk++) {
            Element e = take();
            assertEquals("localhost", e.attributeValue("to"));
            assertEquals("room@echo.localhost/nick", e.attributeValue("from"));
            assertEquals("groupchat", e.attributeValue("type"));
            assertEquals("to all <&> of you", e.elementText("body"));
            List<Element> lists = e.elements("addresses");
            assertEquals(1, lists.size(), "exactly one <addresses/>, ours");
            for (Element a : lists.get(0).elements("address")) {
                assertEquals("bcc", a.attributeValue("type"));
                seen.add(a.attributeValue("jid"));
                sizes[chunk]++;
            }
        }
        assertArrayEquals(new int[] {20, 20, 5}, sizes);
        assertEquals(to.stream().map(JID::toString).toList(), seen);

        // Presences, and messages of other types, still go one copy per recipient.
        Message chat = new Message();
        chat.setFrom("room@echo.localhost/nick");
        chat.setType(Message.Type.chat);
        chat.setBody("pm");
        out.broadcast(chat, to.subList(0, 2));
        assertEquals("user0@localhost/r\"0", take().attributeValue("to"));
        assertEquals("user1@localhost/r\"1", take().attributeValue("to"));

        // Groupchat to one recipient takes the multicast path too, so groupchat keeps one path and one order.
        out.broadcast(m, to.subList(0, 1));
        assertEquals("localhost", take().attributeValue("to"));

        // A message too large to carry the addresses beside it goes one stanza per recipient.
        Message big = m.createCopy();
        big.setBody("x".repeat(20_000));
        out.broadcast(big, to.subList(0, 2));
        assertEquals("user0@localhost/r\"0", take().attributeValue("to"));
        assertEquals("user1@localhost/r\"1", take().attributeValue("to"));

        // The service refuses a stanza (module not loaded, component not listed...): the link falls back for good.
        server.send("<message type='error' from='localhost' to='room@echo.localhost/nick'><error type='cancel'>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
        server.send("<iq type='get' id='after-error' from='u@localhost/r' to='echo.localhost'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals("after-error", take().attributeValue("id"), "the error was read before the ping");
        out.broadcast(m, to.subList(0, 2));
        assertEquals("user0@localhost/r\"0", take().attributeValue("to"));
        assertEquals("user1@localhost/r\"1", take().attributeValue("to"));
    }

    /**
     * A server without a multicast module (or with an older copy of Satellite's) does not list XEP-0033 in its
     * disco#info, or answers with an error: groupchat goes one stanza per recipient, and the admin reads why. The
     * link asks again on each connection.
     */
    @Test
    void multicastStaysOffUnlessTheServiceOffersItAndIsAskedAgainOnEachConnection() throws Exception {
        start("s3cret", ", multicast: localhost, multicast-max-addresses: 20");
        runner.awaitOnline(WAIT);
        Outbound out = runner.host("echo").connector().outbound();
        List<JID> to = List.of(new JID("a@localhost/r"), new JID("b@localhost/r"));
        answer(takeProbe(), "<identity category='server' type='im'/>"
                + "<feature var='http://jabber.org/protocol/disco#info'/>");
        out.broadcast(groupchat("one"), to);
        assertEquals("a@localhost/r", take().attributeValue("to"));
        assertEquals("b@localhost/r", take().attributeValue("to"));
        assertTrue(logs.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("does not offer XEP-0033")), "the admin is told why");

        server.dropConnection();
        server.awaitHandshakes(2, WAIT);
        Element again = takeProbe();
        server.send("<iq type='error' id='" + again.attributeValue("id") + "' from='localhost' to='echo.localhost'>"
                + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
                + "</iq>");
        barrier("after-error-answer");
        out.broadcast(groupchat("two"), to);
        assertEquals("a@localhost/r", take().attributeValue("to"));
        assertEquals("b@localhost/r", take().attributeValue("to"));
        assertTrue(logs.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("service-unavailable")), "with the server's condition");

        server.dropConnection();
        server.awaitHandshakes(3, WAIT);
        answer(takeProbe(), "<feature var='http://jabber.org/protocol/address'/>");
        out.broadcast(groupchat("three"), to);
        Element multicast = take();
        assertEquals("localhost", multicast.attributeValue("to"), "offered on this connection: multicast");
        assertEquals(2, multicast.element("addresses").elements("address").size());
    }

    /** The link's XEP-0030 query to the multicast service ({@code localhost}), taken from what the server read. */
    private Element takeProbe() throws InterruptedException {
        Element probe = take();
        assertEquals("iq", probe.getName(), probe.asXML());
        assertEquals("get", probe.attributeValue("type"));
        assertEquals("localhost", probe.attributeValue("to"));
        assertEquals("echo.localhost", probe.attributeValue("from"));
        assertEquals("http://jabber.org/protocol/disco#info", probe.element("query").getNamespaceURI());
        return probe;
    }

    /** Answers the probe with these disco#info children, and waits until the component has read the answer. */
    private void answer(Element probe, String children) throws InterruptedException {
        server.send("<iq type='result' id='" + probe.attributeValue("id") + "' from='localhost' to='echo.localhost'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'>" + children + "</query></iq>");
        barrier("after-" + probe.attributeValue("id"));
    }

    /** A ping through the link: once it is answered, everything the server sent before it has been read. */
    private void barrier(String id) throws InterruptedException {
        server.send("<iq type='get' id='" + id + "' from='u@localhost/r' to='echo.localhost'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals(id, take().attributeValue("id"), "everything before the ping was read");
    }

    @Test
    void reconnectsAfterTheLinkDrops() throws Exception {
        start("s3cret", "");
        server.awaitHandshakes(1, WAIT);
        server.dropConnection();
        server.awaitHandshakes(2, WAIT);
        server.send("<iq type='get' id='p2' from='u@localhost/r' to='echo.localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals("p2", take().attributeValue("id"));
    }

    @Test
    void wrongSecretIsLoggedOnceAsAnErrorNamingTheKeyAndRetriedSlowly() throws Exception {
        start("wrong", "");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.connections() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(server.connections() >= 3, "the connector keeps retrying");
        assertEquals(0, server.handshakes());
        List<ILoggingEvent> errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertEquals(1, errors.size(), "the refusal is logged once at ERROR");
        String msg = errors.get(0).getFormattedMessage();
        assertTrue(msg.contains("not-authorized") && msg.contains("components.echo.secret"), msg);
        assertTrue(!msg.contains("wrong"), "the secret is never logged");
    }

    @Test
    void oversizedStanzaIsRefusedToItsSenderWithoutDroppingTheLink() throws Exception {
        start("s3cret", ", max-stanza-size: 4KiB");
        server.awaitHandshakes(1, WAIT);
        server.send("<message id='big' from='u@localhost/r' to='room@echo.localhost'><body>" + "z".repeat(8000)
                + "</body></message>");
        Element error = take();
        assertEquals("big", error.attributeValue("id"));
        assertEquals("error", error.attributeValue("type"));
        assertEquals("u@localhost/r", error.attributeValue("to"));
        assertNotNull(error.element("error").element("policy-violation"), error.asXML());
        server.send("<message type='chat' from='u@localhost/r' to='room@echo.localhost' id='after'><body>ok</body></message>");
        assertEquals("after", take().attributeValue("id"));
        assertEquals(1, server.handshakes(), "the link stayed up");
    }

    @Test
    void iqWithAnInvalidTypeGetsBadRequest() throws Exception {
        start("s3cret", "");
        runner.awaitOnline(WAIT);
        server.send("<iq type='bogus' id='b1' from='u@localhost/r' to='echo.localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        Element e = take();
        assertEquals("b1", e.attributeValue("id"));
        assertEquals("error", e.attributeValue("type"));
        assertNotNull(e.element("error").element("bad-request"));
    }

    @Test
    void waitsForAServerThatIsNotUpYet() throws Exception {
        int port = server.port();
        server.close();
        runner = ComponentRunner.start(new ConfigLoader(List.of(new EchoServiceFactory())).parse("""
                server: {host: 127.0.0.1, port: %d, domain: localhost}
                link: {reconnect-min: 50ms, reconnect-max: 200ms}
                components:
                  echo: {subdomain: echo.localhost, secret: s3cret}
                """.formatted(port), "t"), java.time.Clock.systemUTC(), Duration.ofSeconds(2));
        Thread.sleep(300);
        server = new FakeXmppServerOnPort(port).server;
        runner.awaitOnline(WAIT);
        assertTrue(runner.host("echo").connector().isOnline());
    }

    @Test
    void shutdownClosesTheStreamPolitely() throws Exception {
        start("s3cret", "");
        runner.awaitOnline(WAIT);
        runner.close();
        runner = null;
        assertNull(server.take(Duration.ofMillis(200)), "nothing but the stream close is sent");
        assertTrue(logs.list.stream().noneMatch(e -> e.getLevel() == Level.WARN), "no warnings on a clean stop");
    }

    /** Rebinds a fake server on a known port (the one a runner is already trying). */
    private static final class FakeXmppServerOnPort {
        final FakeXmppServer server;

        FakeXmppServerOnPort(int port) throws Exception {
            this.server = FakeXmppServer.onPort("s3cret", port);
        }
    }
}
