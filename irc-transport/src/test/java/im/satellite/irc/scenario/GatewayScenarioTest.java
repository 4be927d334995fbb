package im.satellite.irc.scenario;

import static im.satellite.irc.it.XmppSide.hasStatus;
import static im.satellite.irc.it.XmppSide.item;
import static im.satellite.irc.it.XmppSide.stanza;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Base64;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway in the real runtime against a scripted IRC server, for what ngircd does not offer: the XEP-0050
 * settings command feeding SASL PLAIN and NickServ, IRCv3 msgid and server-time (XEP-0203), echo-message.
 */
class GatewayScenarioTest {
    private static final String GW = "irc.localhost";
    private static final String ROMEO = "romeo@localhost/pc";
    private static final String ROOM = "#chan%fake.test@" + GW;
    private FakeIrcServer irc;
    private FakeXmppServer xmppServer;
    private XmppSide xmpp;
    private ComponentRunner runner;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        irc = new FakeIrcServer();
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
                    admins: [admin@localhost]
                    networks:
                      fake.test: {host: 127.0.0.1, port: %d, tls: false, flood-burst: 100, flood-interval: 10ms}
                """.formatted(xmppServer.port(), dir, GW, irc.port()), "scenario");
        runner = ComponentRunner.start(config, Clock.systemUTC(), Duration.ofSeconds(2));
        runner.awaitOnline(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        runner.close();
        xmppServer.close();
        irc.close();
    }

    private void configure() throws InterruptedException {
        xmpp.send("<iq type='set' id='c1' from='" + ROMEO + "' to='fake.test@" + GW + "'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='configure' action='execute'/></iq>");
        Element form = xmpp.expect("form", e -> "c1".equals(e.attributeValue("id")));
        Element cmd = form.element("command");
        assertEquals("executing", cmd.attributeValue("status"), form.asXML());
        assertNotNull(cmd.element("x"));
        xmpp.send("<iq type='set' id='c2' from='" + ROMEO + "' to='fake.test@" + GW + "'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='configure' sessionid='"
                + cmd.attributeValue("sessionid") + "'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='nick'><value>romeo</value></field>"
                + "<field var='sasl-password'><value>pw</value></field>"
                + "<field var='nickserv-password'><value>nspw</value></field>"
                + "</x></command></iq>");
        Element done = xmpp.expect("completed", e -> "c2".equals(e.attributeValue("id")));
        assertEquals("completed", done.element("command").attributeValue("status"), done.asXML());
    }

    /** Registration with SASL from the stored settings, NickServ, then the channel. */
    private void joinChannel() throws Exception {
        xmpp.send("<presence from='" + ROMEO + "' to='" + ROOM + "/whatever'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
        irc.awaitClient(Duration.ofSeconds(10));
        assertEquals("CAP LS 302", irc.takeLine());
        assertEquals("NICK romeo", irc.takeLine(), "the configured nick wins over the room nick");
        irc.takeLine("USER");
        irc.send(":s CAP * LS :sasl server-time message-tags echo-message multi-prefix away-notify");
        assertEquals("CAP REQ :sasl multi-prefix server-time message-tags echo-message away-notify",
                irc.takeLine());
        irc.send(":s CAP * ACK :sasl multi-prefix server-time message-tags echo-message away-notify");
        assertEquals("AUTHENTICATE PLAIN", irc.takeLine());
        irc.send("AUTHENTICATE +");
        String payload = irc.takeLine().substring("AUTHENTICATE ".length());
        assertEquals("romeo\0romeo\0pw", new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8));
        irc.send(":s 903 romeo :SASL authentication successful");
        assertEquals("CAP END", irc.takeLine());
        irc.send(":s 001 romeo :Welcome", ":s 005 romeo PREFIX=(ov)@+ CHANTYPES=# CASEMAPPING=rfc1459 :are supported");
        assertEquals("PRIVMSG NickServ :IDENTIFY nspw", irc.takeLine());
        assertEquals("JOIN #chan", irc.takeLine());
        irc.send(":romeo!u@h JOIN #chan", ":s 332 romeo #chan :a topic", ":s 353 romeo = #chan :@romeo +bob",
                ":s 366 romeo #chan :End");
        Element bob = xmpp.expect("bob", stanza("presence", ROOM + "/bob", ROMEO));
        assertEquals("participant", item(bob, "role"));
        Element self = xmpp.expect("self", e -> stanza("presence", ROOM + "/romeo", ROMEO).test(e)
                && hasStatus(e, 110));
        assertTrue(hasStatus(self, 210), "IRC nick differs from the requested room nick");
        assertEquals("moderator", item(self, "role"));
        Element subject = xmpp.expect("subject", e -> e.getName().equals("message") && e.element("subject") != null);
        assertEquals("a topic", subject.elementText("subject"));
    }

    @Test
    void settingsCommandFeedsSaslAndNickServ() throws Exception {
        configure();
        joinChannel();
    }

    @Test
    void msgidBecomesTheStableIdAndServerTimeTheDelay() throws Exception {
        configure();
        joinChannel();
        irc.send("@msgid=abc123;time=2024-01-02T03:04:05.000Z :bob!u@h PRIVMSG #chan :hello \u000304red");
        Element m = xmpp.expect("message", stanza("message", ROOM + "/bob", ROMEO));
        assertEquals("abc123", m.attributeValue("id"));
        assertEquals("hello red", m.elementText("body"));
        assertEquals("abc123", m.element("stanza-id").attributeValue("id"));
        assertEquals("2024-01-02T03:04:05Z", m.element("delay").attributeValue("stamp"));
    }

    @Test
    void refusedNickChangeAndKickWithoutOpsComeBackAsErrors() throws Exception {
        configure();
        joinChannel();
        xmpp.send("<presence from='" + ROMEO + "' to='" + ROOM + "/bob'/>");
        assertEquals("NICK bob", irc.takeLine());
        irc.send(":s 433 romeo bob :Nickname is already in use");
        Element conflict = xmpp.expect("conflict", e -> stanza("presence", ROOM + "/bob", ROMEO).test(e)
                && "error".equals(e.attributeValue("type")));
        assertNotNull(conflict.element("error").element("conflict"), conflict.asXML());

        xmpp.send("<iq type='set' id='k1' from='" + ROMEO + "' to='" + ROOM + "'>"
                + "<query xmlns='http://jabber.org/protocol/muc#admin'><item nick='bob' role='none'/></query></iq>");
        assertEquals("KICK #chan bob bob", irc.takeLine());
        irc.send(":s 482 romeo #chan :You're not channel operator");
        Element refused = xmpp.expect("not op", e -> stanza("message", ROOM, ROMEO).test(e)
                && "error".equals(e.attributeValue("type")));
        assertNotNull(refused.element("error").element("forbidden"), refused.asXML());
    }

    @Test
    void aRefusedReRegistrationClosesTheRoomsWithTheReason() throws Exception {
        configure();
        joinChannel();
        irc.kick();
        xmpp.expect("disconnect notice", e -> stanza("message", "fake.test@" + GW, ROMEO).test(e)
                && e.elementText("body").startsWith("Disconnected"));
        irc.awaitClient(Duration.ofSeconds(10));
        irc.takeLine("USER");
        irc.send(":s 464 romeo :Password incorrect");
        Element gone = xmpp.expect("room closed", e -> stanza("presence", ROOM + "/romeo", ROMEO).test(e)
                && "unavailable".equals(e.attributeValue("type")));
        assertTrue(hasStatus(gone, 110) && hasStatus(gone, 332), gone.asXML());
        assertEquals("Password incorrect", gone.elementText("status"));
    }

    @Test
    void modesWithParametersAndAwayNotify() throws Exception {
        configure();
        joinChannel();
        // +k and +b take parameters (CHANMODES defaults), so "bob" is the argument of +o.
        irc.send(":romeo!u@h MODE #chan +kbo key *!*@evil bob");
        Element op = xmpp.expect("bob opped", stanza("presence", ROOM + "/bob", ROMEO));
        assertEquals("moderator", item(op, "role"));
        assertEquals("admin", item(op, "affiliation"));
        irc.send(":bob!u@h AWAY :gone fishing");
        Element away = xmpp.expect("bob away", stanza("presence", ROOM + "/bob", ROMEO));
        assertEquals("away", away.elementText("show"));
        assertEquals("gone fishing", away.elementText("status"));
        irc.send(":bob!u@h AWAY");
        Element back = xmpp.expect("bob back", stanza("presence", ROOM + "/bob", ROMEO));
        assertEquals(null, back.element("show"));
    }

    @Test
    void echoMessageReflectsOnceWithTheClientsId() throws Exception {
        configure();
        joinChannel();
        xmpp.send("<message type='groupchat' id='x1' from='" + ROMEO + "' to='" + ROOM + "'><body>one\ntwo</body>"
                + "</message>");
        assertEquals("PRIVMSG #chan one", irc.takeLine());
        assertEquals("PRIVMSG #chan two", irc.takeLine());
        irc.send("@msgid=e1 :romeo!u@h PRIVMSG #chan :one", "@msgid=e2 :romeo!u@h PRIVMSG #chan :two",
                ":bob!u@h PRIVMSG #chan :marker");
        Element reflected = xmpp.expect("reflection", stanza("message", ROOM + "/romeo", ROMEO));
        assertEquals("x1", reflected.attributeValue("id"));
        assertEquals("one\ntwo", reflected.elementText("body"));
        xmpp.expect("marker", stanza("message", ROOM + "/bob", ROMEO));
        assertTrue(xmpp.collect(stanza("message", ROOM + "/romeo", ROMEO), Duration.ZERO).isEmpty(),
                "exactly one reflection, and the echoes themselves are not shown again");
    }

    @Test
    void linesToTheServerJidAreOneCommandEachAndMotdComesFromIt() throws Exception {
        configure();
        joinChannel();
        irc.send(":s 375 romeo :- s Message of the day -", ":s 372 romeo :- be nice", ":s 376 romeo :End");
        Element motd = xmpp.expect("motd", stanza("message", "fake.test@" + GW, null));
        assertTrue(motd.elementText("body").contains("be nice"), motd.asXML());
        xmpp.send("<message type='chat' from='" + ROMEO + "' to='fake.test@" + GW + "'><body>WHOIS bob\n"
                + "/MODE #chan +m</body></message>");
        assertEquals("WHOIS bob", irc.takeLine());
        assertEquals("MODE #chan +m", irc.takeLine());
        xmpp.send("<message type='chat' id='r1' from='" + ROMEO + "' to='fake.test@" + GW + "'>"
                + "<body>:spoofed!x@y PRIVMSG #chan :hi</body></message>");
        Element refused = xmpp.expect("refused", e -> "r1".equals(e.attributeValue("id")));
        assertEquals("error", refused.attributeValue("type"));
        assertNotNull(refused.element("error").element("bad-request"));
    }

    @Test
    void adminCommandsListAndDropConnections() throws Exception {
        configure();
        joinChannel();
        // XEP-0050 §2.2: the command list at the gateway holds the admin commands for admins only.
        for (String[] asker : new String[][] {{"admin@localhost/pc", "list-connections drop-connection"},
                {ROMEO, ""}}) {
            xmpp.send("<iq type='get' id='i-" + asker[0] + "' from='" + asker[0] + "' to='" + GW + "'><query"
                    + " xmlns='http://jabber.org/protocol/disco#items'"
                    + " node='http://jabber.org/protocol/commands'/></iq>");
            Element items = xmpp.expect("commands", e -> ("i-" + asker[0]).equals(e.attributeValue("id")));
            assertEquals(asker[1], String.join(" ", items.element("query").elements("item").stream()
                    .map(i -> i.attributeValue("node")).toList()), items.asXML());
        }
        xmpp.send("<iq type='set' id='a1' from='admin@localhost/pc' to='" + GW + "'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='list-connections' action='execute'/></iq>");
        Element list = xmpp.expect("list", e -> "a1".equals(e.attributeValue("id")));
        assertTrue(list.asXML().contains("romeo@localhost fake.test"), list.asXML());
        xmpp.send("<iq type='set' id='a2' from='romeo@localhost/pc' to='" + GW + "'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='list-connections'/></iq>");
        Element refused = xmpp.expect("not admin", e -> "a2".equals(e.attributeValue("id")));
        assertEquals("error", refused.attributeValue("type"));
        assertNotNull(refused.element("error").element("forbidden"), refused.asXML());
        xmpp.send("<iq type='set' id='a3' from='admin@localhost/pc' to='" + GW + "'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='drop-connection'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='connection'>"
                + "<value>romeo@localhost fake.test</value></field></x></command></iq>");
        xmpp.expect("dropped", e -> "a3".equals(e.attributeValue("id")) && "result".equals(e.attributeValue("type")));
        assertTrue(irc.takeLine("QUIT").startsWith("QUIT"));
        Element closed = xmpp.expect("room closed", e -> stanza("presence", ROOM + "/romeo", ROMEO).test(e)
                && "unavailable".equals(e.attributeValue("type")));
        assertTrue(hasStatus(closed, 332));
    }
}
