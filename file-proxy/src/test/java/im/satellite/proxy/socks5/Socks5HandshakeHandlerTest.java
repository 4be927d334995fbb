package im.satellite.proxy.socks5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.proxy.relay.PendingStreams;
import im.satellite.proxy.relay.RelayStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SOCKS5 negotiation of XEP-0065 §6.3.2 on an {@link EmbeddedChannel}: the good path, and a matrix of hostile or
 * malformed inputs, each of which must close that connection (after a SOCKS5 failure reply where RFC 1928 has one)
 * and register nothing.
 */
class Socks5HandshakeHandlerTest {
    private static final String HASH = "416781edf1ae50bad01cb8509ba35b43952bc345";
    private static final byte[] GREETING = {5, 1, 0};

    private final PendingStreams pending = new PendingStreams();
    private final RelayStats stats = new RelayStats();
    private EmbeddedChannel ch;

    private EmbeddedChannel channel() {
        ch = new EmbeddedChannel(new Socks5ServerInitializer(pending, stats, Duration.ofSeconds(60)));
        return ch;
    }

    @AfterEach
    void release() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
    }

    private static byte[] connect(int cmd, int atyp, byte[] addr, int port) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(5);
        b.write(cmd);
        b.write(0);
        b.write(atyp);
        if (atyp == 3) {
            b.write(addr.length);
        }
        b.writeBytes(addr);
        b.write(port >> 8);
        b.write(port & 0xff);
        return b.toByteArray();
    }

    private static byte[] domainConnect(String host, int port) {
        return connect(1, 3, host.getBytes(StandardCharsets.US_ASCII), port);
    }

    private byte[] readAll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    private void send(byte[]... chunks) {
        for (byte[] c : chunks) {
            if (ch.isOpen()) {
                ch.writeInbound(Unpooled.wrappedBuffer(c));
            }
        }
    }

    @Test
    void acceptsNoAuthAndConnectToAStreamHash() {
        channel();
        send(GREETING);
        assertArrayEquals(new byte[] {5, 0}, readAll(), "the proxy selects 'no authentication'");
        send(domainConnect(HASH, 0));
        byte[] reply = readAll();
        // RFC 1928 §6 with XEP-0065 §6.3.2: BND.ADDR/BND.PORT echo DST.ADDR/DST.PORT.
        byte[] expected = new byte[47];
        System.arraycopy(new byte[] {5, 0, 0, 3, 40}, 0, expected, 0, 5);
        System.arraycopy(HASH.getBytes(StandardCharsets.US_ASCII), 0, expected, 5, 40);
        assertArrayEquals(expected, reply);
        assertTrue(ch.isOpen(), "the connection waits for its partner and activation");
        assertEquals(1, pending.waiting());
        assertNull(ch.pipeline().get(ProxyPipeline.SOCKS5_DECODER), "the SOCKS5 decoder is gone after CONNECT");
    }

    @Test
    void acceptsGreetingAndRequestInOneSegment() {
        channel();
        byte[] both = new byte[3 + 47];
        System.arraycopy(GREETING, 0, both, 0, 3);
        System.arraycopy(domainConnect(HASH, 0), 0, both, 3, 47);
        send(both);
        byte[] reply = readAll();
        assertEquals(2 + 47, reply.length, "both replies are sent");
        assertEquals(0, reply[3], "CONNECT succeeded");
        assertEquals(1, pending.waiting());
    }

    @Test
    void dropsBytesSentBeforeActivation() {
        channel();
        send(GREETING, domainConnect(HASH, 0));
        readAll();
        send(new byte[1000]);
        assertTrue(ch.isOpen(), "a few early bytes are ignored (XEP-0065 §8.1)");
        send(new byte[Socks5HandshakeHandler.MAX_EARLY_BYTES]);
        assertFalse(ch.isOpen(), "a client streaming before activation is cut off");
        assertEquals(0, pending.waiting(), "and its registration is gone");
    }

    @Test
    void unactivatedConnectionTimesOut() {
        channel();
        send(GREETING, domainConnect(HASH, 0));
        ch.advanceTimeBy(59, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isOpen(), "closed after the 60 s activation timeout");
        assertEquals(0, pending.waiting());
    }

    @Test
    void silentConnectionTimesOutToo() {
        channel();
        ch.advanceTimeBy(61, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isOpen(), "a connection that never greets is closed by the same timeout");
    }

    @Test
    void thirdConnectionWithTheSameHashIsRefused() {
        EmbeddedChannel first = new EmbeddedChannel(new Socks5ServerInitializer(pending, stats, Duration.ofMinutes(1)));
        EmbeddedChannel second = new EmbeddedChannel(new Socks5ServerInitializer(pending, stats, Duration.ofMinutes(1)));
        try {
            for (EmbeddedChannel c : new EmbeddedChannel[] {first, second}) {
                c.writeInbound(Unpooled.wrappedBuffer(GREETING), Unpooled.wrappedBuffer(domainConnect(HASH, 0)));
            }
            channel();
            send(GREETING, domainConnect(HASH, 0));
            byte[] reply = readAll();
            assertEquals(2, reply[3], "REP X'02': connection not allowed by ruleset");
            assertFalse(ch.isOpen());
            assertTrue(first.isOpen() && second.isOpen(), "the pair is unaffected");
            assertEquals(2, pending.waiting());
        } finally {
            first.finishAndReleaseAll();
            second.finishAndReleaseAll();
        }
    }

    @Test
    void closingBeforeActivationForgetsTheConnection() {
        channel();
        send(GREETING, domainConnect(HASH, 0));
        assertEquals(1, pending.waiting());
        ch.close();
        assertEquals(0, pending.waiting());
    }

    static Stream<Arguments> hostile() {
        byte[] ipv4 = {127, 0, 0, 1};
        return Stream.of(
                Arguments.of("SOCKS4 greeting", new byte[][] {{4, 1, 0, 80, 127, 0, 0, 1, 0}}, null),
                Arguments.of("HTTP instead of SOCKS", new byte[][] {"GET / HTTP/1.1\r\n\r\n".getBytes()}, null),
                Arguments.of("only username/password offered", new byte[][] {{5, 1, 2}}, new byte[] {5, (byte) 0xff}),
                Arguments.of("no methods offered", new byte[][] {{5, 0}}, null),
                Arguments.of("CONNECT to an IPv4 address", new byte[][] {GREETING, connect(1, 1, ipv4, 80)}, 8),
                Arguments.of("CONNECT to a host name", new byte[][] {GREETING, domainConnect("example.com", 0)}, 8),
                Arguments.of("CONNECT to 39 hex digits", new byte[][] {GREETING, domainConnect(HASH.substring(1), 0)},
                        8),
                Arguments.of("CONNECT to an empty name", new byte[][] {GREETING, domainConnect("", 0)}, 8),
                Arguments.of("CONNECT with a port", new byte[][] {GREETING, domainConnect(HASH, 80)}, 2),
                Arguments.of("BIND", new byte[][] {GREETING, connect(2, 3, HASH.getBytes(), 0)}, 7),
                Arguments.of("UDP ASSOCIATE", new byte[][] {GREETING, connect(3, 3, HASH.getBytes(), 0)}, 7),
                Arguments.of("request with version 4", new byte[][] {GREETING, {4, 1, 0, 3, 1, 'a', 0, 0}}, null),
                Arguments.of("unknown address type", new byte[][] {GREETING, {5, 1, 0, 9, 1, 2, 3, 4, 0, 0}}, null),
                Arguments.of("binary garbage", new byte[][] {HexFormat.of().parseHex("ffd8ffe000104a464946")}, null),
                Arguments.of("greeting repeated", new byte[][] {GREETING, GREETING, GREETING, GREETING}, null));
    }

    /**
     * Each hostile input closes the connection. {@code reply} is the expected SOCKS5 answer before the close: a
     * byte array for the greeting reply, an Integer for the REP field of a CONNECT reply, or null for none.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileBytesCloseTheConnection(String name, byte[][] input, Object reply) {
        channel();
        send(input);
        byte[] out = readAll();
        assertFalse(ch.isOpen(), name + ": the connection is closed");
        assertEquals(0, pending.waiting(), name + ": nothing is registered");
        if (reply instanceof byte[] greetingReply) {
            assertArrayEquals(greetingReply, out);
        } else if (reply instanceof Integer rep) {
            assertEquals(4 + 6 + 2, out.length, name + ": greeting reply then a CONNECT failure reply");
            assertEquals(rep.intValue(), out[3], name + ": REP");
        }
    }
}
