package im.satellite.proxy;

import static im.satellite.proxy.ProxyHarness.outcome;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import im.satellite.proxy.relay.RelayPair;
import im.satellite.proxy.socks5.StreamHash;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;

/**
 * Relays over real loopback sockets (STYLE 7.8.3): all bytes both ways with half-close, backpressure against a slow
 * reader with bounded memory, idle and activation timeouts, the third connection, and the per-transfer limits.
 */
class RelayTest {
    private static final String ALICE = "alice@localhost/desk";
    private static final String BOB = "bob@localhost/phone";
    private ProxyHarness proxy;

    @AfterEach
    void close() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** A target and an initiator connected and activated for {@code sid}; [0] is the target, [1] the initiator. */
    private Socket[] activated(String sid) throws Exception {
        StreamHash hash = StreamHash.of(sid, ALICE, BOB);
        Socket target = proxy.connect(hash);
        Socket initiator = proxy.connect(hash);
        assertEquals("result", outcome(proxy.activate(ALICE, sid, BOB)));
        return new Socket[] {target, initiator};
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static CompletableFuture<Void> writeAsync(Socket s, byte[] data, boolean thenShutdown) {
        return CompletableFuture.runAsync(() -> {
            try {
                OutputStream o = s.getOutputStream();
                for (int off = 0; off < data.length; off += 32 * 1024) {
                    o.write(data, off, Math.min(32 * 1024, data.length - off));
                }
                if (thenShutdown) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitFinished(long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (proxy.service().stats().finishedTransfers() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, proxy.service().stats().finishedTransfers(), "the relay ended");
        assertEquals(0, proxy.service().stats().activeTransfers());
    }

    @Test
    void relaysEveryByteBothWaysThroughHalfClose() throws Exception {
        // With 2 threads the two connections land on different loops; the relay moves them onto one.
        relaysBothWaysThroughHalfClose("socks-threads: 2\n");
    }

    @Test
    void relaysEveryByteBothWaysAcrossTwoLoopsWhenPairOnOneLoopIsOff() throws Exception {
        relaysBothWaysThroughHalfClose("socks-threads: 2\npair-on-one-loop: false\n");
    }

    private void relaysBothWaysThroughHalfClose(String options) throws Exception {
        proxy = new ProxyHarness(options);
        Socket[] s = activated("half");
        byte[] file = new byte[8 << 20];
        new Random(1).nextBytes(file);
        byte[] answer = "thanks, got it".getBytes(StandardCharsets.UTF_8);
        try (Socket target = s[0]; Socket initiator = s[1]) {
            CompletableFuture<Void> sent = writeAsync(initiator, file, true);
            byte[] got = target.getInputStream().readAllBytes();
            sent.get(10, TimeUnit.SECONDS);
            assertArrayEquals(sha256(file), sha256(got), "the target got every byte, then EOF");
            // The initiator's half-close did not end the other direction.
            target.getOutputStream().write(answer);
            target.shutdownOutput();
            assertArrayEquals(answer, initiator.getInputStream().readAllBytes());
        }
        awaitFinished(1);
        assertEquals(file.length + answer.length, proxy.service().stats().bytesRelayed());
    }

    @Test
    void aSlowReaderSlowsTheSenderAndMemoryStaysBounded() throws Exception {
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        proxy = new ProxyHarness("", alloc);
        Socket[] s = activated("slow");
        byte[] file = new byte[48 << 20];
        new Random(2).nextBytes(file);
        long peak = 0;
        try (Socket target = s[0]; Socket initiator = s[1]) {
            // The sender keeps its side open: at EOF Netty's epoll transport reads what the kernel still holds
            // regardless of autoRead, so the bound measured here is the one that holds while a sender is sending.
            CompletableFuture<Void> sent = writeAsync(initiator, file, false);
            InputStream in = target.getInputStream();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            long received = 0;
            int reads = 0;
            while (received < file.length) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, file.length - received));
                md.update(buf, 0, r);
                received += r;
                peak = Math.max(peak, alloc.metric().usedDirectMemory() + alloc.metric().usedHeapMemory());
                if (++reads % 4 == 0) {
                    Thread.sleep(1);
                }
            }
            sent.get(30, TimeUnit.SECONDS);
            assertArrayEquals(sha256(file), md.digest(), "every byte arrived in order");
        }
        // 48 MiB went through while the reader lagged; the proxy held at most its 1 MiB high water mark and a read
        // or two. Without backpressure it would have buffered most of the file.
        assertTrue(peak < 4L << 20, "the proxy held at most 4 MiB, peak was " + peak);
    }

    @Test
    void logsStatisticsWhileActiveAndALinePerTransfer() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger serviceLog = (Logger) LoggerFactory.getLogger(FileProxyService.class);
        Logger pairLog = (Logger) LoggerFactory.getLogger(RelayPair.class);
        serviceLog.addAppender(logs);
        pairLog.addAppender(logs);
        try {
            proxy = new ProxyHarness("stats-interval: 100ms");
            Socket[] s = activated("stats");
            try (Socket target = s[0]; Socket initiator = s[1]) {
                initiator.getOutputStream().write(new byte[1000]);
                new DataInputStream(target.getInputStream()).readFully(new byte[1000]);
                awaitLog(logs, "1 active transfers, 0 waiting connections, 1000 bytes relayed");
            }
            awaitLog(logs, "ended (done): 1000 bytes in ");
        } finally {
            serviceLog.detachAppender(logs);
            pairLog.detachAppender(logs);
        }
    }

    private static void awaitLog(ListAppender<ILoggingEvent> logs, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            // ListAppender appends under its own monitor (AppenderBase.doAppend is synchronized).
            synchronized (logs) {
                if (logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains(fragment))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no INFO line containing '" + fragment + "'");
    }

    @Test
    void relaysOverIpv6Loopback() throws Exception {
        proxy = new ProxyHarness("socks-bind: \"::1\"\nadvertise-host: \"::1\"");
        IQ streamhost = proxy.iq("<iq type='get' id='v6' from='" + ALICE + "' to='proxy.localhost'>"
                + "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
        assertEquals("::1", streamhost.getChildElement().element("streamhost").attributeValue("host"));
        Socket[] s = activated("v6");
        try (Socket target = s[0]; Socket initiator = s[1]) {
            assertTrue(target.getInetAddress().getAddress().length == 16, "connected over IPv6");
            initiator.getOutputStream().write(new byte[] {6, 6});
            initiator.shutdownOutput();
            assertArrayEquals(new byte[] {6, 6}, target.getInputStream().readAllBytes());
        }
    }

    @Test
    void jingleResponderCandidateIsActivatedByTheResponder() throws Exception {
        // XEP-0260 §2.3: a proxy candidate offered by the responder hashes SID + responder + initiator, and the
        // responder activates it. The proxy never sees the Jingle session, only the hash and the activation.
        proxy = new ProxyHarness("allow-domains: [capulet.lit, montague.lit]");
        String juliet = "juliet@capulet.lit/balcony";
        String romeo = "romeo@montague.lit/orchard";
        StreamHash hash = StreamHash.parse("1a12fb7bc625e55f3ed5b29a53dbe0e4aa7d80ba");
        try (Socket atRomeo = proxy.connect(hash); Socket atJuliet = proxy.connect(hash)) {
            assertEquals("item-not-found", outcome(proxy.activate(romeo, "vj3hs98y", juliet)),
                    "the initiator cannot activate the responder's candidate");
            assertEquals("result", outcome(proxy.activate(juliet, "vj3hs98y", romeo)));
            atJuliet.getOutputStream().write(new byte[] {'h', 'i'});
            atJuliet.shutdownOutput();
            assertArrayEquals(new byte[] {'h', 'i'}, atRomeo.getInputStream().readAllBytes());
        }
    }

    @Test
    void idleRelayIsClosed() throws Exception {
        proxy = new ProxyHarness("idle-timeout: 300ms");
        Socket[] s = activated("idle");
        try (Socket target = s[0]; Socket initiator = s[1]) {
            initiator.getOutputStream().write(new byte[100]);
            assertEquals(100, ProxyHarness.drain(target.getInputStream()),
                    "the bytes sent arrive, then the idle relay is closed");
            assertEquals(0, ProxyHarness.drain(initiator.getInputStream()));
        }
        awaitFinished(1);
    }

    @Test
    void unactivatedPairTimesOut() throws Exception {
        proxy = new ProxyHarness("activation-timeout: 300ms");
        StreamHash hash = StreamHash.of("late", ALICE, BOB);
        try (Socket target = proxy.connect(hash); Socket initiator = proxy.connect(hash)) {
            assertEquals(-1, target.getInputStream().read(), "the proxy closes the waiting target");
            assertEquals(-1, initiator.getInputStream().read(), "and the waiting initiator");
        }
        assertEquals("item-not-found", outcome(proxy.activate(ALICE, "late", BOB)), "the stream is forgotten");
        assertEquals(0, proxy.service().stats().waitingConnections());
    }

    @Test
    void thirdConnectionIsRefusedAndThePairStillWorks() throws Exception {
        proxy = new ProxyHarness("");
        StreamHash hash = StreamHash.of("three", ALICE, BOB);
        try (Socket target = proxy.connect(hash); Socket initiator = proxy.connect(hash);
             Socket third = new Socket("127.0.0.1", proxy.port())) {
            assertEquals(2, ProxyHarness.negotiate(third, hash.hex()), "REP X'02': not allowed");
            assertEquals(-1, third.getInputStream().read(), "and closed");
            assertEquals("result", outcome(proxy.activate(ALICE, "three", BOB)));
            initiator.getOutputStream().write(7);
            assertEquals(7, target.getInputStream().read());
        }
    }

    @Test
    void hostileConnectionDoesNotDisturbARunningRelay() throws Exception {
        proxy = new ProxyHarness("");
        Socket[] s = activated("calm");
        try (Socket target = s[0]; Socket initiator = s[1]; Socket evil = new Socket("127.0.0.1", proxy.port())) {
            evil.setSoTimeout(10_000);
            evil.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, evil.getInputStream().read(), "the hostile connection is closed");
            initiator.getOutputStream().write(new byte[] {1, 2, 3});
            byte[] got = new byte[3];
            new DataInputStream(target.getInputStream()).readFully(got);
            assertArrayEquals(new byte[] {1, 2, 3}, got);
        }
    }

    @Test
    void transferOverTheByteLimitIsCut() throws Exception {
        proxy = new ProxyHarness("max-bytes: 1MiB");
        Socket[] s = activated("big");
        try (Socket target = s[0]; Socket initiator = s[1]) {
            CompletableFuture<Void> sent = writeAsync(initiator, new byte[4 << 20], true);
            long got = ProxyHarness.drain(target.getInputStream());
            assertTrue(got <= 1 << 20, "no more than max-bytes is relayed, got " + got);
            sent.handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        }
        awaitFinished(1);
    }

    @Test
    void concurrentTransfersPerUserAreLimited() throws Exception {
        proxy = new ProxyHarness("max-transfers-per-user: 1");
        Socket[] first = activated("one");
        StreamHash second = StreamHash.of("two", ALICE, BOB);
        try (Socket a = first[0]; Socket b = first[1]; Socket c = proxy.connect(second);
             Socket d = proxy.connect(second)) {
            assertEquals("resource-constraint", outcome(proxy.activate(ALICE, "two", BOB)));
            assertEquals(-1, c.getInputStream().read(), "the refused pair is closed");
        }
    }

    @Test
    void rateLimitSlowsATransferDown() throws Exception {
        proxy = new ProxyHarness("rate-limit: 4MiB");
        Socket[] s = activated("rate");
        byte[] file = new byte[6 << 20];
        try (Socket target = s[0]; Socket initiator = s[1]) {
            long start = System.nanoTime();
            CompletableFuture<Void> sent = writeAsync(initiator, file, false);
            new DataInputStream(target.getInputStream()).readFully(new byte[file.length]);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            sent.get(10, TimeUnit.SECONDS);
            // A lower bound only: 6 MiB at 4 MiB/s cannot take less than 1.5 s, minus the last read's 1 MiB.
            assertTrue(millis >= 1200, "6 MiB at 4 MiB/s took only " + millis + " ms");
        }
    }
}
