package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerSpec;
import im.satellite.core.testkit.host.TestClients;
import im.satellite.muc.MucServiceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * The main XEP-0045 flows with Smack 4.4's {@code MultiUserChatManager} through a real host server: creating and
 * entering rooms, groupchat in order, and configuration (password, members-only). Subclasses pick the server.
 */
abstract class AbstractMucIT {
    static final String MUC = "muc.localhost";
    static final String SECRET = "muc-it-secret-4f1a";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final long NEXT = 10_000;

    static HostServerSpec spec() {
        return HostServerSpec.builder().component(MUC, SECRET).build();
    }

    abstract HostServer server();

    Path dataDir;
    ComponentRunner runner;
    XMPPTCPConnection owner;
    XMPPTCPConnection guest;
    String ownerName;
    String guestName;
    private int rooms;

    @BeforeAll
    void startSatelliteAndClients() throws Exception {
        dataDir = Files.createTempDirectory("muc-it");
        runner = startSatellite();
        long n = System.nanoTime() % 100_000;
        ownerName = "owner" + n;
        guestName = "guest" + n;
        owner = TestClients.connectNewUser(server(), ownerName);
        guest = TestClients.connectNewUser(server(), guestName);
    }

    ComponentRunner startSatellite() throws Exception {
        ComponentRunner r = ComponentRunner.start(new ConfigLoader(List.of(new MucServiceFactory()))
                .parse(satelliteYaml(), "it"));
        r.awaitOnline(WAIT);
        return r;
    }

    /** Satellite's config: the MUC service on the host server's component port, its database in {@link #dataDir}. */
    String satelliteYaml() throws java.io.IOException {
        return satelliteYamlBase();
    }

    private String satelliteYamlBase() throws java.io.IOException {
        String db = dataDir.resolve("muc.db").toString();
        return """
                server: {host: 127.0.0.1, port: %d, domain: %s}
                database: {url: "jdbc:sqlite:%s"}
                link: {reconnect-min: 200ms, reconnect-max: 2s}
                components:
                  muc: {subdomain: %s, secret: %s}
                """.formatted(componentPort(), server().domain(), db, MUC, SECRET);
    }

    /** The base config with {@code options} (", key: value...") added to the MUC component's entry. */
    String satelliteYamlWith(String options) throws java.io.IOException {
        String yaml = satelliteYamlBase();
        String muc = "secret: " + SECRET + "}";
        assertTrue(yaml.contains(muc), yaml);
        return yaml.replace(muc, "secret: " + SECRET + options + "}");
    }

    private LinkProxy linkProxy;

    /** Whether Satellite's component link runs through a {@link LinkProxy} that the test can watch or cut. */
    boolean throughLinkProxy() {
        return false;
    }

    /** The relay on the component link; only with {@link #throughLinkProxy()}. */
    LinkProxy linkProxy() {
        return linkProxy;
    }

    /** Where Satellite connects for the component link: the host server's component port, or the relay before it. */
    int componentPort() throws java.io.IOException {
        if (!throughLinkProxy()) {
            return server().componentPort(MUC);
        }
        if (linkProxy == null) {
            linkProxy = new LinkProxy(server().componentPort(MUC));
        }
        return linkProxy.port();
    }

    @AfterAll
    void stopAll() throws Exception {
        // Keep the host server's log next to the reports: its directory is deleted with the server.
        Path log = server().logFile();
        if (log != null && Files.exists(log)) {
            Files.copy(log, Path.of("target", server().kind() + "-muc-it.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        for (XMPPTCPConnection c : new XMPPTCPConnection[] {owner, guest}) {
            if (c != null) {
                c.disconnect();
            }
        }
        if (runner != null) {
            runner.close();
        }
        if (linkProxy != null) {
            linkProxy.close();
        }
    }

    EntityBareJid newRoom() throws Exception {
        return JidCreate.entityBareFrom("r" + (++rooms) + "-" + System.nanoTime() % 100_000 + "@" + MUC);
    }

    static MultiUserChat muc(XMPPTCPConnection c, EntityBareJid room) {
        return MultiUserChatManager.getInstanceFor(c).getMultiUserChat(room);
    }

    static Resourcepart nick(String n) throws Exception {
        return Resourcepart.from(n);
    }

    /** Creates an instant room owned by {@code owner} (XEP-0045 §10.1.2). */
    MultiUserChat createInstant(EntityBareJid room) throws Exception {
        MultiUserChat m = muc(owner, room);
        m.create(nick("Owner")).makeInstant();
        return m;
    }

    /** Smack applies presences on its listener thread, after join() returns: wait until it has seen them. */
    static void awaitOccupants(MultiUserChat m, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (m.getOccupantsCount() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Waits until the MUC service answers disco#info through the server (the child JVM is online). */
    static void awaitService(XMPPTCPConnection c) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(JidCreate.domainBareFrom(MUC));
                return;
            } catch (XMPPException.XMPPErrorException | SmackException.NoResponseException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** A Satellite in a child JVM (to be killed with SIGKILL) on the same config and database. */
    Process startChild() throws Exception {
        Path config = dataDir.resolve("child.yml");
        Files.writeString(config, satelliteYaml());
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChildSatellite.class.getName(), config.toString())
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("child.log").toFile()).start();
    }

    static StanzaError.Condition condition(XMPPException.XMPPErrorException e) {
        return e.getStanzaError().getCondition();
    }

    /** The next message with a body (skipping the subject message, which has none); fails if none comes. */
    static Message nextBody(MultiUserChat m) throws Exception {
        Message msg = m.nextMessage(NEXT);
        while (msg != null && msg.getBody() == null) {
            msg = m.nextMessage(NEXT);
        }
        assertNotNull(msg, "a message arrives");
        return msg;
    }

    /** Submits the room's configuration form with these answers: field var to a Boolean or a String. */
    static void configure(MultiUserChat m, Map<String, ?> answers) throws Exception {
        FillableForm form = m.getConfigurationForm().getFillableForm();
        answers.forEach((var, value) -> {
            if (value instanceof Boolean b) {
                form.setAnswer(var, b);
            } else {
                form.setAnswer(var, value.toString());
            }
        });
        m.sendConfigurationForm(form);
    }

    /** An XEP-0199 ping addressed to {@code to}. */
    static Ping ping(Jid to) {
        Ping p = new Ping();
        p.setTo(to);
        return p;
    }

    @Test
    void xep0045_10_1_createInstantRoomAndEnter() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(nick("Guest"));
        awaitOccupants(g, 2);
        Set<String> seen = g.getOccupants().stream().map(j -> j.getResourceOrEmpty().toString())
                .collect(Collectors.toSet());
        assertEquals(Set.of("Owner", "Guest"), seen, "the guest sees both occupants after entering");
        awaitOccupants(o, 2);
        assertEquals(2, o.getOccupantsCount(), "the owner is told about the guest");
        XMPPException.XMPPErrorException conflict = assertThrows(XMPPException.XMPPErrorException.class,
                () -> muc(TestClients.connectNewUser(server(), "third" + System.nanoTime() % 100_000), room)
                        .join(nick("Guest")), "§7.2.9: a nick in use is refused");
        assertEquals(StanzaError.Condition.conflict, condition(conflict));
        g.leave();
        o.leave();
    }

    @Test
    void xep0045_7_4_groupchatMessagesArriveInOrder() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestNoHistory().build());
        for (int i = 0; i < 10; i++) {
            o.sendMessage("line " + i);
        }
        for (int i = 0; i < 10; i++) {
            Message m = nextBody(g); // the subject message sent on entering (§7.2.15) has no body
            assertEquals("line " + i, m.getBody(), "the guest receives the owner's messages in order");
            assertEquals(room + "/Owner", m.getFrom().toString(), "from the owner's occupant JID");
        }
        g.leave();
        o.leave();
    }

    @Test
    void xep0045_7_2_6_passwordAndMembersOnlyRoomsRefuseEntry() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        configure(o, Map.of("muc#roomconfig_passwordprotectedroom", true, "muc#roomconfig_roomsecret", "s3same"));
        MultiUserChat g = muc(guest, room);
        XMPPException.XMPPErrorException noPw = assertThrows(XMPPException.XMPPErrorException.class,
                () -> g.join(nick("Guest")), "entering without the password is refused");
        assertEquals(StanzaError.Condition.not_authorized, condition(noPw));
        g.join(nick("Guest"), "s3same");
        assertTrue(g.isJoined(), "the right password lets the guest in");
        g.leave();

        configure(o, Map.of("muc#roomconfig_passwordprotectedroom", false, "muc#roomconfig_membersonly", true));
        assertTrue(MultiUserChatManager.getInstanceFor(guest).getRoomInfo(room).isMembersOnly(),
                "disco#info says muc_membersonly");
        XMPPException.XMPPErrorException notMember = assertThrows(XMPPException.XMPPErrorException.class,
                () -> g.join(nick("Guest")), "§7.2.7: a non-member is refused");
        assertEquals(StanzaError.Condition.registration_required, condition(notMember));
        o.grantMembership(guest.getUser().asEntityBareJid());
        g.join(nick("Guest"));
        assertTrue(g.isJoined(), "a member may enter");
        g.leave();
        o.leave();
    }
}
