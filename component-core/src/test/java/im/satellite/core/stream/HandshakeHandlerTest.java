package im.satellite.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

class HandshakeHandlerTest {
    private final List<String> events = new ArrayList<>();
    private final LinkListener listener = new LinkListener() {
        @Override
        public void online(Channel channel) {
            events.add("online");
        }

        @Override
        public void streamError(String condition, String text, boolean duringHandshake) {
            events.add("error " + condition + " " + duringHandshake);
        }

        @Override
        public void stanza(Element element, int bytes) {
            events.add("stanza " + element.getName());
        }

        @Override
        public void rejected(Element stub, String reason) {
            events.add("rejected " + stub.getName());
        }

        @Override
        public void writabilityChanged(Channel channel) {
        }
    };

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new XmppStreamDecoder(65536),
                new HandshakeHandler("muc.localhost", "s3cret", 10_000, listener), new StanzaInboundHandler(listener));
    }

    private static String read(EmbeddedChannel ch) {
        ByteBuf b = ch.readOutbound();
        if (b == null) {
            return null;
        }
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }

    private static void feed(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    @Test
    void digestIsLowerCaseHexSha1OfStreamIdAndSecret() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest("3BF96D32s3cret".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, HandshakeHandler.digest("3BF96D32", "s3cret"));
        assertEquals(expected.toLowerCase(), HandshakeHandler.digest("3BF96D32", "s3cret"));
    }

    @Test
    void opensStreamAnswersIdAndGoesOnlineOnEmptyHandshake() {
        EmbeddedChannel ch = channel();
        String header = read(ch);
        assertTrue(header.contains("xmlns='jabber:component:accept'"), header);
        assertTrue(header.contains("to='muc.localhost'"), header);
        feed(ch, "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' "
                + "from='muc.localhost' id='abc123'>");
        assertEquals("<handshake>" + HandshakeHandler.digest("abc123", "s3cret") + "</handshake>", read(ch));
        assertFalse(read(ch) != null);
        feed(ch, "<handshake/><message from='a@localhost/r' to='x@muc.localhost'/>");
        assertEquals(List.of("online", "stanza message"), events);
        assertNull(ch.pipeline().get(HandshakeHandler.class), "the handshake handler removes itself");
        ch.finishAndReleaseAll();
    }

    @Test
    void refusedHandshakeIsReportedAndCloses() {
        EmbeddedChannel ch = channel();
        read(ch);
        feed(ch, "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' id='x'>");
        read(ch);
        feed(ch, "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        assertEquals(List.of("error not-authorized true"), events);
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }
}
