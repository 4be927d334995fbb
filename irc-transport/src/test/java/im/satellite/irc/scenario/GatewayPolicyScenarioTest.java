package im.satellite.irc.scenario;

import static im.satellite.irc.it.XmppSide.hasStatus;
import static im.satellite.irc.it.XmppSide.stanza;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.testkit.FakeXmppServer;
import im.satellite.irc.IrcGatewayServiceFactory;
import im.satellite.irc.client.FakeIrcServer;
import im.satellite.irc.it.XmppSide;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin policy as users meet it (allow-lists, domains, limits) and a legacy-encoded network both ways. */
class GatewayPolicyScenarioTest {
    private static final String GW = "irc.localhost";
    private FakeIrcServer legacy;
    private FakeXmppServer xmppServer;
    private XmppSide xmpp;
    private ComponentRunner runner;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        legacy = new FakeIrcServer(StandardCharsets.ISO_8859_1);
        xmppServer = new FakeXmppServer("s3cret");
        xmpp = new XmppSide(xmppServer);
        var config = new ConfigLoader(List.of(new IrcGatewayServiceFactory())).parse("""
                server: {host: 127.0.0.1, port: %d, domain: localhost}
                database: {url: "jdbc:sqlite:%s/irc.db"}
                components:
                  irc:
                    subdomain: %s
                    secret: s3cret
                    secret-key: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
                    max-connections-per-user: 1
                    networks:
                      legacy.test: {host: 127.0.0.1, port: %d, tls: false, encoding: ISO-8859-1}
                      other.test: {host: 127.0.0.1, port: 9, tls: false}
                """.formatted(xmppServer.port(), dir, GW, legacy.port()), "scenario");
        runner = ComponentRunner.start(config, Clock.systemUTC(), Duration.ofSeconds(2));
        runner.awaitOnline(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        runner.close();
        xmppServer.close();
        legacy.close();
    }

    private Element joinError(String user, String room) throws InterruptedException {
        xmpp.send("<presence from='" + user + "' to='" + room + "'><x xmlns='http://jabber.org/protocol/muc'/>"
                + "</presence>");
        return xmpp.expect("error for " + room, e -> stanza("presence", null, user).test(e)
                && "error".equals(e.attributeValue("type"))).element("error");
    }

    @Test
    void unlistedNetworksForeignDomainsAndConnectionLimitsAreRefused() throws Exception {
        Element notListed = joinError("romeo@localhost/pc", "#x%irc.libera.chat@" + GW + "/romeo");
        assertNotNull(notListed.element("not-allowed"), notListed.asXML());
        Element foreign = joinError("eve@evil.example/pc", "#x%legacy.test@" + GW + "/eve");
        assertNotNull(foreign.element("forbidden"), foreign.asXML());
        Element badNick = joinError("romeo@localhost/pc", "#x%legacy.test@" + GW + "/bad nick");
        assertNotNull(badNick.element("jid-malformed"), badNick.asXML());

        xmpp.send("<presence from='romeo@localhost/pc' to='#x%legacy.test@" + GW + "/romeo'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
        legacy.awaitClient(Duration.ofSeconds(10));
        Element limited = joinError("romeo@localhost/pc", "#y%other.test@" + GW + "/romeo");
        assertNotNull(limited.element("resource-constraint"), "one connection per user here: " + limited.asXML());
    }

    @Test
    void legacyEncodingBothWays() throws Exception {
        String user = "juliet@localhost/pc";
        String room = "#caf%legacy.test@" + GW;
        xmpp.send("<presence from='" + user + "' to='" + room + "/juliet'><x xmlns='http://jabber.org/protocol/muc'/>"
                + "</presence>");
        legacy.awaitClient(Duration.ofSeconds(10));
        legacy.takeLine("USER");
        legacy.send(":s 001 juliet :Welcome");
        assertEquals("JOIN #caf", legacy.takeLine("JOIN"));
        legacy.send(":juliet!u@h JOIN #caf", ":s 353 juliet = #caf :juliet", ":s 366 juliet #caf :End");
        xmpp.expect("self", e -> stanza("presence", room + "/juliet", user).test(e) && hasStatus(e, 110));
        legacy.send(":bob!u@h PRIVMSG #caf :d\u00e9j\u00e0 vu");
        assertEquals("d\u00e9j\u00e0 vu", xmpp.expect("latin-1 in", stanza("message", room + "/bob", user))
                .elementText("body"));
        xmpp.send("<message type='groupchat' from='" + user + "' to='" + room + "'><body>cr\u00e8me br\u00fbl\u00e9e"
                + "</body></message>");
        assertEquals("PRIVMSG #caf :cr\u00e8me br\u00fbl\u00e9e", legacy.takeLine("PRIVMSG"), "latin-1 out");
    }
}
