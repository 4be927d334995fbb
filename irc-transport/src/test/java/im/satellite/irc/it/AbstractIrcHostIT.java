package im.satellite.irc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerSpec;
import im.satellite.core.testkit.host.TestClients;
import im.satellite.irc.IrcGatewayServiceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * The gateway end to end: Smack clients log into a real Prosody or ejabberd, which routes to Satellite's IRC component, which
 * talks to a real ngircd where a plain IRC client (raw socket) sits. What the XMPP user sees is asserted through
 * Smack's MUC API, what the IRC user sees through the raw lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractIrcHostIT {
    static final String GW = "irc.localhost";
    static final String SECRET = "irc-it-secret-5d1";
    static final long WAIT = 15_000;

    static HostServerSpec spec() {
        return HostServerSpec.builder().component(GW, SECRET).build();
    }

    /** The XMPP server the clients log into. */
    abstract HostServer server();

    private NgircdServer ircd;
    private ComponentRunner runner;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        ircd = new NgircdServer();
        dir = Files.createTempDirectory("irc-prosody-it");
        var config = new ConfigLoader(List.of(new IrcGatewayServiceFactory())).parse("""
                server: {host: 127.0.0.1, port: %d, domain: %s}
                database: {url: "jdbc:sqlite:%s/irc.db"}
                link: {reconnect-min: 200ms, reconnect-max: 2s}
                components:
                  irc:
                    subdomain: %s
                    secret: %s
                    secret-key: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
                    reconnect-min: 300ms
                    reconnect-max: 2s
                    flood-burst: 50
                    flood-interval: 50ms
                    networks:
                      irc.test: {host: 127.0.0.1, port: %d, tls: false}
                """.formatted(server().componentPort(GW), server().domain(), dir, GW, SECRET,
                ircd.port()), "it");
        runner = ComponentRunner.start(config);
        runner.awaitOnline(Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
        if (ircd != null) {
            ircd.close();
        }
    }

    private XMPPTCPConnection client(String name) throws Exception {
        return TestClients.connectNewUser(server(), name);
    }

    private static EntityBareJid room(String channel) throws Exception {
        return JidCreate.entityBareFrom(channel + "%irc.test@" + GW);
    }

    private static MultiUserChat muc(XMPPTCPConnection c, String channel) throws Exception {
        return MultiUserChatManager.getInstanceFor(c).getMultiUserChat(room(channel));
    }

    private static Message nextBody(MultiUserChat m) throws Exception {
        while (true) {
            Message msg = m.nextMessage(WAIT);
            assertNotNull(msg, "expected a groupchat message");
            if (msg.getBody() != null) {
                return msg;
            }
        }
    }

    private static Occupant occupant(MultiUserChat m, String nick) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT;
        while (System.currentTimeMillis() < deadline) {
            Occupant o = m.getOccupant(JidCreate.entityFullFrom(m.getRoom(), Resourcepart.from(nick)));
            if (o != null) {
                return o;
            }
            Thread.sleep(50);
        }
        return null;
    }

    /** Waits (bounded) for a condition that arrives asynchronously through presence. */
    private static void eventually(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    @Order(1)
    void joinTalkMeTopicNickModesKickAndPart() throws Exception {
        XMPPTCPConnection romeo = client("romeo");
        try (IrcTestClient bob = new IrcTestClient(ircd.port(), "bob")) {
            bob.send("JOIN #verona");
            bob.expect(l -> l.contains(" 366 "));
            bob.send("TOPIC #verona :fair Verona");
            MultiUserChat m = muc(romeo, "#verona");
            m.join(Resourcepart.from("romeo"));
            bob.expect(l -> l.startsWith(":romeo!") && l.contains("JOIN"));
            eventually("the topic as subject", () -> "fair Verona".equals(m.getSubject()));
            Occupant bobOcc = occupant(m, "bob");
            assertNotNull(bobOcc);
            assertEquals(MUCRole.moderator, bobOcc.getRole());
            assertEquals(MUCAffiliation.admin, bobOcc.getAffiliation());

            bob.send("PRIVMSG #verona :hello \u0002romeo\u0002");
            Message in = nextBody(m);
            assertEquals("hello romeo", in.getBody());
            assertEquals("bob", in.getFrom().getResourceOrEmpty().toString());

            m.sendMessage("hi bob\nsecond line");
            assertTrue(bob.expect(l -> l.contains("PRIVMSG #verona")).endsWith(":hi bob"));
            assertTrue(bob.expect(l -> l.contains("PRIVMSG #verona")).endsWith(":second line"));
            assertEquals("hi bob\nsecond line", nextBody(m).getBody(), "own message reflected");

            bob.send("PRIVMSG #verona :\u0001ACTION bows\u0001");
            assertEquals("/me bows", nextBody(m).getBody());
            m.sendMessage("/me waves");
            assertTrue(bob.expect(l -> l.contains("PRIVMSG #verona")).endsWith("\u0001ACTION waves\u0001"));
            nextBody(m);

            bob.send("MODE #verona +v romeo");
            eventually("voice", () -> {
                try {
                    Occupant me = occupant(m, "romeo");
                    return me != null && me.getAffiliation() == MUCAffiliation.member;
                } catch (Exception e) {
                    return false;
                }
            });
            bob.send("MODE #verona +o romeo");
            eventually("op", () -> {
                try {
                    return occupant(m, "romeo").getRole() == MUCRole.moderator;
                } catch (Exception e) {
                    return false;
                }
            });

            m.changeSubject("two households");
            bob.expect(l -> l.contains("TOPIC #verona :two households"));

            bob.send("NICK benvolio");
            eventually("bob renamed", () -> {
                try {
                    return m.getOccupant(JidCreate.entityFullFrom(m.getRoom(), Resourcepart.from("benvolio"))) != null;
                } catch (Exception e) {
                    return false;
                }
            });
            // Smack 4.4's MultiUserChat.changeNickname() holds the room's monitor while waiting, and its presence
            // listener needs that monitor for the 303/110 unavailable presence XEP-0045 §7.6 prescribes (the same
            // hang yaxim#261 reports against real MUC services); so the nick change is sent as a plain presence.
            var newNick = JidCreate.entityFullFrom(m.getRoom(), Resourcepart.from("romeo2"));
            StanzaCollector nickPresences = romeo.createStanzaCollector(new AndFilter(StanzaTypeFilter.PRESENCE,
                    FromMatchesFilter.createBare(m.getRoom())));
            romeo.sendStanza(romeo.getStanzaFactory().buildPresenceStanza().to(newNick).build());
            bob.expect(l -> l.startsWith(":romeo!") && l.contains("NICK") && l.endsWith("romeo2"));
            org.jivesoftware.smack.packet.Presence p303 = nickPresences.nextResult(WAIT);
            assertNotNull(p303);
            var x303 = org.jivesoftware.smackx.muc.packet.MUCUser.from(p303);
            assertTrue(x303.getStatus().contains(org.jivesoftware.smackx.muc.packet.MUCUser.Status.NEW_NICKNAME_303));
            assertEquals("romeo2", x303.getItem().getNick().toString());
            org.jivesoftware.smack.packet.Presence back = nickPresences.nextResult(WAIT);
            assertEquals(newNick, back.getFrom());
            nickPresences.cancel();

            m.kickParticipant(Resourcepart.from("benvolio"), "begone");
            bob.expect(l -> l.contains("KICK #verona benvolio :begone"));

            bob.send("JOIN #verona");
            occupant(m, "benvolio");
            m.grantModerator(Resourcepart.from("benvolio"));
            bob.expect(l -> l.contains("MODE #verona +o benvolio"));

            romeo.sendStanza(romeo.getStanzaFactory().buildPresenceStanza().ofType(
                    org.jivesoftware.smack.packet.Presence.Type.unavailable).to(newNick).build());
            bob.expect(l -> l.startsWith(":romeo2!") && l.contains("PART #verona"));
        } finally {
            romeo.disconnect();
        }
    }

    @Test
    @Order(2)
    void privateMessagesBothWaysAndKickFromIrc() throws Exception {
        XMPPTCPConnection juliet = client("juliet");
        try (IrcTestClient nurse = new IrcTestClient(ircd.port(), "nurse")) {
            nurse.send("JOIN #garden");
            nurse.expect(l -> l.contains(" 366 "));
            MultiUserChat m = muc(juliet, "#garden");
            m.join(Resourcepart.from("juliet"));
            nurse.expect(l -> l.startsWith(":juliet!") && l.contains("JOIN"));

            EntityBareJid nurseJid = JidCreate.entityBareFrom("nurse%irc.test@" + GW);
            StanzaCollector pms = juliet.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                    FromMatchesFilter.createBare(nurseJid)));
            nurse.send("PRIVMSG juliet :a word in private");
            Message pm = pms.nextResult(WAIT);
            assertNotNull(pm);
            assertEquals("a word in private", pm.getBody());
            pms.cancel();
            juliet.sendStanza(MessageBuilder.buildMessage().ofType(Message.Type.chat).to(nurseJid)
                    .setBody("answer").build());
            nurse.expect(l -> l.startsWith(":juliet!") && l.contains("PRIVMSG nurse :answer"));

            nurse.send("KICK #garden juliet :off to bed");
            eventually("kicked", () -> !m.isJoined());
        } finally {
            juliet.disconnect();
        }
    }

    @Test
    @Order(3)
    void crLfInTheBodyNeverBecomesAnIrcCommand() throws Exception {
        XMPPTCPConnection mallory = client("mallory");
        try (IrcTestClient watch = new IrcTestClient(ircd.port(), "watch")) {
            watch.send("JOIN #inject");
            watch.expect(l -> l.contains(" 366 "));
            MultiUserChat m = muc(mallory, "#inject");
            m.join(Resourcepart.from("mallory"));
            watch.expect(l -> l.startsWith(":mallory!") && l.contains("JOIN"));
            m.sendMessage("hi\r\nQUIT :pwned\rKICK #inject watch :x");
            m.sendMessage("done");
            watch.expect(l -> l.contains("PRIVMSG #inject :done"));
            for (String l : watch.seen()) {
                String command = l.split(" ")[1];
                assertFalse(l.startsWith(":mallory!") && List.of("QUIT", "KICK", "PART", "NICK").contains(command),
                        "injected command reached IRC: " + l);
            }
            assertTrue(watch.seen().stream().anyMatch(l -> l.endsWith("PRIVMSG #inject :QUIT :pwned")),
                    "the injected text arrives as text: " + watch.seen());
            assertTrue(m.isJoined());
        } finally {
            mallory.disconnect();
        }
    }

    @Test
    @Order(4)
    void bannedAndNickInUseAreMucErrors() throws Exception {
        XMPPTCPConnection tybalt = client("tybalt");
        XMPPTCPConnection mercutio = client("mercutio");
        try (IrcTestClient prince = new IrcTestClient(ircd.port(), "prince")) {
            prince.send("JOIN #court");
            prince.expect(l -> l.contains(" 366 "));
            prince.send("MODE #court +b tybalt!*@*");
            prince.expect(l -> l.contains("MODE #court +b"));
            XMPPException.XMPPErrorException banned = assertThrows(XMPPException.XMPPErrorException.class,
                    () -> muc(tybalt, "#court").join(Resourcepart.from("tybalt")));
            assertEquals(StanzaError.Condition.forbidden, banned.getStanzaError().getCondition());
            XMPPException.XMPPErrorException taken = assertThrows(XMPPException.XMPPErrorException.class,
                    () -> muc(mercutio, "#court2").join(Resourcepart.from("prince")));
            assertEquals(StanzaError.Condition.conflict, taken.getStanzaError().getCondition());
        } finally {
            tybalt.disconnect();
            mercutio.disconnect();
        }
    }

    @Test
    @Order(9)
    void ircServerRestartReconnectsAndRejoins() throws Exception {
        XMPPTCPConnection friar = client("friar");
        try {
            MultiUserChat m = muc(friar, "#cell");
            m.join(Resourcepart.from("friar"));
            ircd.restart();
            try (IrcTestClient balthasar = connectWhenUp()) {
                long deadline = System.currentTimeMillis() + 30_000;
                boolean seen = false;
                while (!seen && System.currentTimeMillis() < deadline) {
                    balthasar.send("NAMES #cell");
                    seen = balthasar.expect(l -> l.contains(" 353 ") || l.contains(" 366 ")).contains("friar");
                    if (!seen) {
                        Thread.sleep(300);
                    }
                }
                assertTrue(seen, "the gateway rejoined #cell after the IRC server restarted");
                balthasar.send("JOIN #cell");
                balthasar.expect(l -> l.contains(" 366 "));
                balthasar.send("PRIVMSG #cell :news from Mantua");
                assertEquals("news from Mantua", nextBody(m).getBody());
                m.sendMessage("still here");
                balthasar.expect(l -> l.contains("PRIVMSG #cell :still here"));
            }
        } finally {
            friar.disconnect();
        }
    }

    private IrcTestClient connectWhenUp() throws Exception {
        return new IrcTestClient(ircd.port(), "balthasar");
    }
}
