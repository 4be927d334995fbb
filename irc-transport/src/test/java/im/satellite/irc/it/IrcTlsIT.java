package im.satellite.irc.it;

import static im.satellite.irc.it.XmppSide.hasStatus;
import static im.satellite.irc.it.XmppSide.stanza;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.testkit.FakeXmppServer;
import im.satellite.irc.IrcGatewayServiceFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS toward a real ngircd with a self-signed certificate: certificate checking is on by default, so the join fails
 * with an error naming the cause; a network the admin marked {@code verify-certificate: false} connects over TLS.
 */
class IrcTlsIT {
    static final String GW = "irc.localhost";
    static NgircdServer ircd;
    static FakeXmppServer xmppServer;
    static XmppSide xmpp;
    static ComponentRunner runner;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        ircd = new NgircdServer(true);
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
                    networks:
                      checked.test: {host: localhost, port: %d}
                      unchecked.test: {host: localhost, port: %d, verify-certificate: false}
                """.formatted(xmppServer.port(), dir, GW, ircd.tlsPort(), ircd.tlsPort()), "it");
        runner = ComponentRunner.start(config, Clock.systemUTC(), Duration.ofSeconds(2));
        runner.awaitOnline(Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() throws Exception {
        runner.close();
        xmppServer.close();
        ircd.close();
    }

    @Test
    void untrustedCertificateIsRefusedByDefault() throws Exception {
        String user = "romeo@localhost/pc";
        xmpp.send("<presence from='" + user + "' to='#tls%checked.test@" + GW + "/romeo'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
        Element err = xmpp.expect("join error", e -> stanza("presence", null, user).test(e)
                && "error".equals(e.attributeValue("type")));
        assertNotNull(err.element("error").element("remote-server-not-found"), err.asXML());
        String text = err.element("error").elementText("text");
        assertTrue(text.toLowerCase().contains("certif") || text.contains("PKIX"), text);
    }

    @Test
    void adminCanTurnCheckingOffPerNetwork() throws Exception {
        String user = "juliet@localhost/pc";
        xmpp.send("<presence from='" + user + "' to='#tls%unchecked.test@" + GW + "/juliet'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
        xmpp.expect("joined over TLS", e -> stanza("presence", "#tls%unchecked.test@" + GW + "/juliet", user)
                .test(e) && hasStatus(e, 110));
    }
}
