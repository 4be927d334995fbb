package im.satellite.irc.it;

import static im.satellite.irc.it.XmppSide.hasStatus;
import static im.satellite.irc.it.XmppSide.item;
import static im.satellite.irc.it.XmppSide.stanza;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.testkit.FakeXmppServer;
import im.satellite.irc.IrcGatewayServiceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway against a real ngircd on loopback, with a plain IRC client on a raw socket. The XMPP server's side of
 * the component link is played by the testkit's FakeXmppServer (the stanzas are what Prosody would route to and from
 * the users' clients); the gateway itself runs in the real {@link ComponentRunner}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IrcGatewayIT {
    static final String GW = "irc.localhost";
    static NgircdServer ircd;
    static FakeXmppServer xmppServer;
    static XmppSide xmpp;
    static ComponentRunner runner;
    static Path dbDir;

    @BeforeAll
    static void start() throws Exception {
        ircd = new NgircdServer();
        xmppServer = new FakeXmppServer("s3cret");
        xmpp = new XmppSide(xmppServer);
        dbDir = Files.createTempDirectory("irc-it");
        var config = new ConfigLoader(List.of(new IrcGatewayServiceFactory())).parse("""
                server: {host: 127.0.0.1, port: %d, domain: localhost}
                database: {url: "jdbc:sqlite:%s/irc.db"}
                link: {reconnect-min: 50ms, reconnect-max: 200ms}
                components:
                  irc:
                    subdomain: %s
                    secret: s3cret
                    secret-key: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
                    admins: [admin@localhost]
                    reconnect-min: 300ms
                    reconnect-max: 2s
                    flood-burst: 50
                    flood-interval: 50ms
                    networks:
                      irc.test: {host: 127.0.0.1, port: %d, tls: false}
                """.formatted(xmppServer.port(), dbDir, GW, ircd.port()), "it");
        runner = ComponentRunner.start(config, Clock.systemUTC(), Duration.ofSeconds(3));
        runner.awaitOnline(Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
        if (xmppServer != null) {
            xmppServer.close();
        }
        if (ircd != null) {
            ircd.close();
        }
    }

    static String room(String channel) {
        return channel + "%irc.test@" + GW;
    }

    /** Joins as {@code user} with {@code nick} and waits for the self-presence (110). */
    static Element join(String user, String channel, String nick) throws InterruptedException {
        xmpp.send("<presence from='" + user + "' to='" + room(channel) + "/" + nick + "'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
        Element self = xmpp.expect("self-presence in " + channel, e -> stanza("presence", room(channel) + "/" + nick,
                user).test(e) && hasStatus(e, 110) && e.attributeValue("type") == null);
        xmpp.expect("subject of " + channel, e -> e.getName().equals("message") && e.element("subject") != null
                && user.equals(e.attributeValue("to")));
        return self;
    }

    static void groupchat(String user, String channel, String body) {
        xmpp.send("<message type='groupchat' from='" + user + "' to='" + room(channel) + "' id='m" + System.nanoTime()
                + "'><body>" + body + "</body></message>");
    }

    static Element groupchatFrom(String channel, String nick, String to) throws InterruptedException {
        return xmpp.expect("groupchat from " + nick, e -> stanza("message", room(channel) + "/" + nick, to).test(e)
                && e.element("body") != null);
    }

    @Test
    @Order(1)
    void joinMessagesBothWaysMeAndPart() throws Exception {
        try (IrcTestClient bob = new IrcTestClient(ircd.port(), "bob")) {
            bob.send("JOIN #room1");
            bob.expect(l -> l.contains(" 366 "));
            String romeo = "romeo@localhost/pc";
            xmpp.send("<presence from='" + romeo + "' to='" + room("#room1") + "/romeo'>"
                    + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
            Element bobPresence = xmpp.expect("bob's presence", stanza("presence", room("#room1") + "/bob", romeo));
            assertEquals("admin", item(bobPresence, "affiliation"), "@ is admin");
            assertEquals("moderator", item(bobPresence, "role"));
            Element self = xmpp.expect("self-presence", e -> stanza("presence", room("#room1") + "/romeo", romeo)
                    .test(e) && hasStatus(e, 110));
            assertEquals("participant", item(self, "role"));
            xmpp.expect("subject", e -> e.getName().equals("message") && e.element("subject") != null);
            bob.expect(l -> l.startsWith(":romeo!") && l.contains("JOIN"));

            bob.send("PRIVMSG #room1 :hello \u0002romeo\u0002");
            Element m = groupchatFrom("#room1", "bob", romeo);
            assertEquals("hello romeo", m.elementText("body"), "mIRC bold stripped");
            assertNotNull(m.attributeValue("id"));

            groupchat(romeo, "#room1", "hi bob");
            assertTrue(bob.expect(l -> l.contains("PRIVMSG #room1")).endsWith(":hi bob"));
            assertEquals("hi bob", groupchatFrom("#room1", "romeo", romeo).elementText("body"), "reflected");

            bob.send("PRIVMSG #room1 :\u0001ACTION waves\u0001");
            assertEquals("/me waves", groupchatFrom("#room1", "bob", romeo).elementText("body"));
            groupchat(romeo, "#room1", "/me bows");
            assertTrue(bob.expect(l -> l.contains("PRIVMSG #room1")).endsWith(":\u0001ACTION bows\u0001"));

            groupchat(romeo, "#room1", "line one\nline two");
            assertTrue(bob.expect(l -> l.contains("PRIVMSG #room1")).endsWith(":line one"));
            assertTrue(bob.expect(l -> l.contains("PRIVMSG #room1")).endsWith(":line two"));

            String longText = "word ".repeat(200).trim();
            groupchat(romeo, "#room1", longText);
            StringBuilder got = new StringBuilder();
            while (got.length() < longText.length()) {
                String l = bob.expect(x -> x.contains("PRIVMSG #room1"));
                assertTrue(l.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 510, "within 512 bytes");
                got.append(got.length() == 0 ? "" : " ").append(l.substring(l.indexOf(" :") + 2));
            }
            assertEquals(longText, got.toString(), "split at word boundaries, nothing lost");

            xmpp.send("<presence type='unavailable' from='" + romeo + "' to='" + room("#room1") + "/romeo'/>");
            bob.expect(l -> l.startsWith(":romeo!") && l.contains("PART #room1"));
            Element left = xmpp.expect("self unavailable", e -> stanza("presence", room("#room1") + "/romeo", romeo)
                    .test(e) && "unavailable".equals(e.attributeValue("type")));
            assertTrue(hasStatus(left, 110));
            // Leaving the last room closes the IRC connection: romeo is no longer on the network.
            // ngircd may still be working through romeo's penalty-delayed lines: ask until it answers "no such nick".
            boolean gone = false;
            for (int i = 0; i < 20 && !gone; i++) {
                bob.send("WHOIS romeo");
                gone = bob.expect(l -> l.contains(" 401 bob romeo ") || l.contains(" 318 bob romeo ")).contains(" 401 ");
                if (!gone) {
                    Thread.sleep(500);
                }
            }
            assertTrue(gone, "the gateway's IRC connection closed with the last room");
        }
    }

    @Test
    @Order(2)
    void crLfInjectionNeverBecomesASecondIrcCommand() throws Exception {
        try (IrcTestClient bob = new IrcTestClient(ircd.port(), "bob2")) {
            bob.send("JOIN #inject");
            bob.expect(l -> l.contains(" 366 "));
            String mallory = "mallory@localhost/pc";
            join(mallory, "#inject", "mallory");
            bob.expect(l -> l.startsWith(":mallory!") && l.contains("JOIN"));
            groupchat(mallory, "#inject", "hi&#13;&#10;QUIT :pwned&#13;PART #inject&#10;");
            assertTrue(bob.expect(l -> l.contains("PRIVMSG #inject")).endsWith(":hi"));
            String second = bob.expect(l -> l.contains("PRIVMSG #inject"));
            assertTrue(second.endsWith(":QUIT :pwned"), second);
            xmpp.send("<message type='groupchat' from='" + mallory + "' to='" + room("#inject") + "'>"
                    + "<subject>new&#13;&#10;KICK #inject bob2 :bye</subject></message>");
            String topic = bob.expect(l -> l.contains("TOPIC #inject"));
            assertTrue(topic.endsWith(":new KICK #inject bob2 :bye"), topic);
            xmpp.send("<message type='chat' from='" + mallory + "' to='bob2%irc.test@" + GW + "'>"
                    + "<body>psst&#13;&#10;NICK evil</body></message>");
            bob.expect(l -> l.contains("PRIVMSG bob2 :NICK evil"));
            groupchat(mallory, "#inject", "still here");
            bob.expect(l -> l.contains("PRIVMSG #inject :still here"));
            for (String l : bob.seen()) {
                String command = l.split(" ")[1];
                assertFalse(l.startsWith(":mallory!") && List.of("QUIT", "PART", "KICK", "NICK").contains(command),
                        "injected command reached IRC: " + l);
            }
            xmpp.send("<presence type='unavailable' from='" + mallory + "' to='" + room("#inject") + "/mallory'/>");
            bob.expect(l -> l.startsWith(":mallory!") && l.contains("PART"));
        }
    }

    @Test
    @Order(3)
    void nickChangeTopicModesKickAndPrivateMessages() throws Exception {
        try (IrcTestClient carol = new IrcTestClient(ircd.port(), "carol")) {
            carol.send("JOIN #room3");
            carol.expect(l -> l.contains(" 366 "));
            String juliet = "juliet@localhost/phone";
            join(juliet, "#room3", "juliet");
            carol.expect(l -> l.startsWith(":juliet!") && l.contains("JOIN"));

            carol.send("MODE #room3 +v juliet");
            Element voiced = xmpp.expect("voice", e -> stanza("presence", room("#room3") + "/juliet", juliet).test(e)
                    && "member".equals(item(e, "affiliation")));
            assertTrue(hasStatus(voiced, 110));
            carol.send("MODE #room3 +o juliet");
            xmpp.expect("op", e -> stanza("presence", room("#room3") + "/juliet", juliet).test(e)
                    && "moderator".equals(item(e, "role")) && "admin".equals(item(e, "affiliation")));

            carol.send("TOPIC #room3 :IRC topic");
            Element subj = xmpp.expect("topic", e -> stanza("message", room("#room3") + "/carol", juliet).test(e)
                    && e.element("subject") != null);
            assertEquals("IRC topic", subj.elementText("subject"));
            xmpp.send("<message type='groupchat' from='" + juliet + "' to='" + room("#room3") + "'>"
                    + "<subject>XMPP topic</subject></message>");
            carol.expect(l -> l.contains("TOPIC #room3 :XMPP topic"));

            carol.send("NICK caroline");
            Element leave = xmpp.expect("nick change", e -> stanza("presence", room("#room3") + "/carol", juliet)
                    .test(e) && hasStatus(e, 303));
            assertEquals("caroline", item(leave, "nick"));
            xmpp.expect("new nick", stanza("presence", room("#room3") + "/caroline", juliet));

            xmpp.send("<presence from='" + juliet + "' to='" + room("#room3") + "/jules'/>");
            carol.expect(l -> l.startsWith(":juliet!") && l.contains("NICK") && l.endsWith("jules"));
            Element selfNick = xmpp.expect("own nick change", e -> stanza("presence", room("#room3") + "/juliet",
                    juliet).test(e) && hasStatus(e, 303) && hasStatus(e, 110));
            assertEquals("jules", item(selfNick, "nick"));

            carol.send("PRIVMSG jules :psst");
            Element pm = xmpp.expect("private message", stanza("message", "caroline%irc.test@" + GW, juliet));
            assertEquals("psst", pm.elementText("body"));
            xmpp.send("<message type='chat' from='" + juliet + "' to='caroline%irc.test@" + GW + "'>"
                    + "<body>hello you</body></message>");
            carol.expect(l -> l.startsWith(":jules!") && l.contains("PRIVMSG caroline :hello you"));

            xmpp.send("<iq type='set' id='op1' from='" + juliet + "' to='" + room("#room3") + "'>"
                    + "<query xmlns='http://jabber.org/protocol/muc#admin'><item nick='caroline' role='none'>"
                    + "<reason>out</reason></item></query></iq>");
            xmpp.expect("kick result", e -> e.getName().equals("iq") && "op1".equals(e.attributeValue("id"))
                    && "result".equals(e.attributeValue("type")));
            carol.expect(l -> l.contains("KICK #room3 caroline :out"));
            Element kicked = xmpp.expect("kick presence", e -> stanza("presence", room("#room3") + "/caroline",
                    juliet).test(e) && "unavailable".equals(e.attributeValue("type")));
            assertTrue(hasStatus(kicked, 307));

            carol.send("JOIN #room3");
            xmpp.expect("carol back", stanza("presence", room("#room3") + "/caroline", juliet));
            xmpp.send("<iq type='set' id='op2' from='" + juliet + "' to='" + room("#room3") + "'>"
                    + "<query xmlns='http://jabber.org/protocol/muc#admin'><item nick='caroline' role='moderator'/>"
                    + "</query></iq>");
            carol.expect(l -> l.contains("MODE #room3 +o caroline"));
            carol.send("KICK #room3 jules :bye jules");
            Element out = xmpp.expect("kicked from IRC", e -> stanza("presence", room("#room3") + "/jules", juliet)
                    .test(e) && "unavailable".equals(e.attributeValue("type")));
            assertTrue(hasStatus(out, 307) && hasStatus(out, 110));
        }
    }

    @Test
    @Order(4)
    void joinErrorsAndNickConflict() throws Exception {
        try (IrcTestClient dave = new IrcTestClient(ircd.port(), "dave")) {
            dave.send("JOIN #locked");
            dave.expect(l -> l.contains(" 366 "));
            dave.send("MODE #locked +k sekrit");
            dave.expect(l -> l.contains("MODE #locked +k"));
            dave.send("JOIN #vip");
            dave.expect(l -> l.contains(" 366 ") && l.contains("#vip"));
            dave.send("MODE #vip +i");
            dave.expect(l -> l.contains("MODE #vip +i"));

            String eve = "eve@localhost/pc";
            xmpp.send("<presence from='" + eve + "' to='" + room("#locked") + "/eve'>"
                    + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
            Element err = xmpp.expect("bad key", e -> stanza("presence", null, eve).test(e)
                    && "error".equals(e.attributeValue("type")));
            assertNotNull(err.element("error").element("not-authorized"), err.asXML());

            xmpp.send("<presence from='" + eve + "' to='" + room("#locked") + "/eve'>"
                    + "<x xmlns='http://jabber.org/protocol/muc'><password>sekrit</password></x></presence>");
            xmpp.expect("joined with key", e -> stanza("presence", room("#locked") + "/eve", eve).test(e)
                    && hasStatus(e, 110));

            xmpp.send("<presence from='" + eve + "' to='" + room("#vip") + "/eve'>"
                    + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
            Element inv = xmpp.expect("invite only", e -> stanza("presence", null, eve).test(e)
                    && "error".equals(e.attributeValue("type")));
            assertNotNull(inv.element("error").element("registration-required"), inv.asXML());

            String frank = "frank@localhost/pc";
            xmpp.send("<presence from='" + frank + "' to='" + room("#locked") + "/dave'>"
                    + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
            Element conflict = xmpp.expect("nick conflict", e -> stanza("presence", null, frank).test(e)
                    && "error".equals(e.attributeValue("type")));
            assertNotNull(conflict.element("error").element("conflict"), conflict.asXML());
            xmpp.send("<presence type='unavailable' from='" + eve + "' to='" + room("#locked") + "/eve'/>");
        }
    }

    @Test
    @Order(5)
    void channelListWithPaging() throws Exception {
        try (IrcTestClient gina = new IrcTestClient(ircd.port(), "gina")) {
            for (String c : List.of("#lista", "#listb", "#listc")) {
                gina.send("JOIN " + c);
                gina.expect(l -> l.contains(" 366 ") && l.contains(c));
            }
            xmpp.send("<iq type='get' id='l1' from='hal@localhost/pc' to='irc.test@" + GW + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#items'>"
                    + "<set xmlns='http://jabber.org/protocol/rsm'><max>2</max></set></query></iq>");
            Element res = xmpp.expect("list", e -> "l1".equals(e.attributeValue("id")));
            assertEquals("result", res.attributeValue("type"), res.asXML());
            List<Element> items = res.element("query").elements("item");
            assertEquals(2, items.size(), res.asXML());
            Element set = res.element("query").element("set");
            String last = set.elementText("last");
            int count = Integer.parseInt(set.elementText("count"));
            assertTrue(count >= 3);
            xmpp.send("<iq type='get' id='l2' from='hal@localhost/pc' to='irc.test@" + GW + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#items'>"
                    + "<set xmlns='http://jabber.org/protocol/rsm'><max>100</max><after>" + last + "</after></set>"
                    + "</query></iq>");
            Element res2 = xmpp.expect("page 2", e -> "l2".equals(e.attributeValue("id")));
            assertEquals(count - 2, res2.element("query").elements("item").size(), res2.asXML());
        }
    }

    @Test
    @Order(9)
    void reconnectsAndRejoinsAfterAnIrcServerRestart() throws Exception {
        String ivy = "ivy@localhost/pc";
        join(ivy, "#survive", "ivy");
        ircd.restart();
        xmpp.expect("disconnect notice", e -> stanza("message", "irc.test@" + GW, ivy).test(e)
                && e.elementText("body").startsWith("Disconnected"), Duration.ofSeconds(20));
        xmpp.expect("rejoined", e -> stanza("presence", room("#survive") + "/ivy", ivy).test(e)
                && hasStatus(e, 110), Duration.ofSeconds(30));
        try (IrcTestClient jim = new IrcTestClient(ircd.port(), "jim")) {
            jim.send("JOIN #survive");
            String names = jim.expect(l -> l.contains(" 353 "));
            assertTrue(names.contains("ivy"), names);
            jim.send("PRIVMSG #survive :welcome back");
            assertEquals("welcome back", groupchatFrom("#survive", "jim", ivy).elementText("body"));
        }
    }
}
