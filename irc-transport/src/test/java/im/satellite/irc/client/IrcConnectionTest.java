package im.satellite.irc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.satellite.core.Transports;
import im.satellite.irc.protocol.CaseMapping;
import im.satellite.irc.protocol.IrcMessage;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real connection over loopback against the scripted server: registration, PING, flood control, reconnect. */
class IrcConnectionTest {
    private final EventLoopGroup group = Transports.newGroup(1, "irc-test");
    private final ExecutorService lane = Executors.newSingleThreadExecutor();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private FakeIrcServer server;
    private int idleSeconds = 60;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        lane.shutdownNow();
    }

    private IrcConnection connect(int burst, Duration interval) throws Exception {
        server = new FakeIrcServer();
        IrcNetwork net = new IrcNetwork("irc.test", "127.0.0.1", server.port(), false, true, null,
                StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, burst, interval, Duration.ofMillis(50),
                Duration.ofMillis(200));
        IrcConnection c = new IrcConnection(net, new IrcIdentity("romeo", null, null, "pw", null, null), group,
                Transports.socketChannel(), null, lane, new IrcConnection.Listener() {
                    @Override
                    public void registered(IrcConnection c, boolean again) {
                        events.add("registered " + again + " " + c.nick());
                    }

                    @Override
                    public void message(IrcConnection c, IrcMessage m) {
                        events.add("message " + m.toLine());
                    }

                    @Override
                    public void failed(IrcConnection c, Registration.Failure f, String text) {
                        events.add("failed " + f);
                    }

                    @Override
                    public void disconnected(IrcConnection c, boolean retrying) {
                        events.add("disconnected " + retrying);
                    }
                }, idleSeconds);
        c.connect();
        server.awaitClient(Duration.ofSeconds(5));
        return c;
    }

    private String event() throws InterruptedException {
        while (true) {
            String e = events.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no event");
            }
            if (!e.startsWith("message :s 005")) {
                return e;
            }
        }
    }

    private void register(String nick) throws Exception {
        assertEquals("CAP LS 302", server.takeLine("CAP LS"));
        server.takeLine("USER");
        server.send(":s CAP * LS :sasl multi-prefix");
        assertEquals("CAP REQ :sasl multi-prefix", server.takeLine());
        server.send(":s CAP * ACK :sasl multi-prefix");
        assertEquals("AUTHENTICATE PLAIN", server.takeLine());
        server.send("AUTHENTICATE +");
        server.takeLine("AUTHENTICATE ");
        server.send(":s 903 " + nick + " :ok");
        assertEquals("CAP END", server.takeLine());
        server.send(":s 001 " + nick + " :Welcome", ":s 005 " + nick + " CASEMAPPING=ascii NICKLEN=20 :are supported");
    }

    @Test
    void registersWithSaslAnswersPingAndReportsLines() throws Exception {
        IrcConnection c = connect(10, Duration.ofMillis(1));
        register("romeo");
        assertEquals("registered false romeo", event());
        server.send("PING :abc", ":j!u@h PRIVMSG romeo :hi");
        assertEquals("PONG abc", server.takeLine());
        assertEquals("message :j!u@h PRIVMSG romeo hi", event());
        assertEquals(CaseMapping.ASCII, c.isupport().caseMapping(), "ISUPPORT applied");
        assertEquals(20, c.isupport().nickLen());
        c.close("bye");
        assertEquals("QUIT bye", server.takeLine());
    }

    @Test
    void floodControlHoldsLinesBackOnceTheBurstIsSpent() throws Exception {
        // Registration spends 7 of the 9 tokens; with an hour per new token only two more lines may leave.
        IrcConnection c = connect(9, Duration.ofHours(1));
        register("romeo");
        event();
        for (int i = 0; i < 4; i++) {
            c.send(IrcMessage.of("PRIVMSG", "#c", "line " + i));
        }
        assertEquals("PRIVMSG #c :line 0", server.takeLine());
        assertEquals("PRIVMSG #c :line 1", server.takeLine());
        c.close("bye");
        assertEquals("QUIT bye", server.takeLine(), "lines 2 and 3 were still held back when QUIT went out");
    }

    @Test
    void idleLinkIsPingedAndClosedWhenThePingGoesUnanswered() throws Exception {
        idleSeconds = 1;
        connect(10, Duration.ofMillis(1));
        register("romeo");
        assertEquals("registered false romeo", event());
        assertEquals("PING satellite", server.takeLine("PING"));
        assertEquals("disconnected true", event(), "no PONG: the gateway gives up on the link and reconnects");
        server.awaitClient(Duration.ofSeconds(5));
        assertEquals("CAP LS 302", server.takeLine("CAP LS"));
    }

    @Test
    void reconnectsAfterTheServerDropsUs() throws Exception {
        connect(10, Duration.ofMillis(1));
        register("romeo");
        assertEquals("registered false romeo", event());
        server.kick();
        assertEquals("disconnected true", event());
        server.awaitClient(Duration.ofSeconds(5));
        register("romeo");
        assertEquals("registered true romeo", event());
    }

    @Test
    void nickInUseDuringRegistrationFails() throws Exception {
        connect(10, Duration.ofMillis(1));
        server.takeLine("USER");
        server.send(":s 433 * romeo :Nickname is already in use");
        assertEquals("failed NICK_IN_USE", event());
    }
}
