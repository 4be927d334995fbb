package im.satellite.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

class XmppStreamDecoderTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns='jabber:component:accept' from='muc.localhost' id='3BF96D32'>";

    private static EmbeddedChannel channel(int max) {
        return new EmbeddedChannel(new XmppStreamDecoder(max));
    }

    private static void feed(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    @Test
    void decodesHeaderStanzasAndCloseFedOneByteAtATime() {
        EmbeddedChannel ch = channel(4096);
        String xml = HEADER + "<message to='room@muc.localhost' from='a@localhost/x' type='groupchat'>"
                + "<body>h\u00e9llo &amp; \u263a</body><x xmlns='urn:test'><y/></x></message> <handshake/></stream:stream>";
        for (byte b : xml.getBytes(StandardCharsets.UTF_8)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        StreamEvent.StreamOpen open = assertInstanceOf(StreamEvent.StreamOpen.class, ch.readInbound());
        assertEquals("3BF96D32", open.id());
        Element m = assertInstanceOf(StreamEvent.StanzaElement.class, ch.readInbound()).element();
        assertEquals("message", m.getName());
        assertEquals("", m.getNamespaceURI(), "the stream namespace is mapped to none");
        assertEquals("h\u00e9llo & \u263a", m.elementText("body"));
        assertEquals("urn:test", m.element("x").getNamespaceURI());
        assertEquals("urn:test", m.element("x").element("y").getNamespaceURI());
        assertEquals("handshake", assertInstanceOf(StreamEvent.StanzaElement.class, ch.readInbound()).element().getName());
        assertInstanceOf(StreamEvent.StreamClose.class, ch.readInbound());
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void serialisesBackWithoutStreamNamespace() {
        EmbeddedChannel ch = channel(4096);
        feed(ch, HEADER + "<iq type='get' id='1' to='muc.localhost' from='u@localhost/r'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        ch.readInbound();
        Element iq = ((StreamEvent.StanzaElement) ch.readInbound()).element();
        String xml = iq.asXML();
        assertTrue(xml.startsWith("<iq type=\"get\""), xml);
        assertTrue(xml.contains("<query xmlns=\"http://jabber.org/protocol/disco#info\"/>"), xml);
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizedStanzaIsRejectedAloneAndTheStreamGoesOn() {
        EmbeddedChannel ch = channel(2048);
        feed(ch, HEADER);
        ch.readInbound();
        feed(ch, "<message id='big' from='a@localhost/r' to='room@muc.localhost' type='groupchat'><body>"
                + "x".repeat(3000) + "</body></message><message id='next'/>");
        StreamEvent.RejectedStanza r = assertInstanceOf(StreamEvent.RejectedStanza.class, ch.readInbound());
        assertEquals("big", r.stub().attributeValue("id"));
        assertEquals("a@localhost/r", r.stub().attributeValue("from"));
        assertTrue(r.stub().elements().isEmpty(), "only the start tag is kept");
        assertTrue(r.reason().contains("2048"), r.reason());
        assertEquals("next", assertInstanceOf(StreamEvent.StanzaElement.class, ch.readInbound()).element().attributeValue("id"));
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizedStanzaInSmallChunksIsDroppedAsItGrows() {
        EmbeddedChannel ch = channel(2048);
        feed(ch, HEADER + "<message id='big'><body>");
        ch.readInbound();
        for (int i = 0; i < 100; i++) {
            feed(ch, "y".repeat(100) + "<b>z</b>");
        }
        feed(ch, "</body></message>");
        assertInstanceOf(StreamEvent.RejectedStanza.class, ch.readInbound());
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aSingleHugeStartTagFailsTheStream() {
        EmbeddedChannel ch = channel(2048);
        feed(ch, HEADER);
        ch.readInbound();
        DecoderException e = assertThrows(DecoderException.class,
                () -> feed(ch, "<message to='" + "a".repeat(5000)));
        assertEquals("policy-violation", assertInstanceOf(StreamException.class, e.getCause()).condition());
        ch.finishAndReleaseAll();
    }

    @Test
    void deeplyNestedStanzaIsRejected() {
        EmbeddedChannel ch = channel(1 << 20);
        feed(ch, HEADER);
        ch.readInbound();
        feed(ch, "<message id='deep'>" + "<x>".repeat(2000) + "</x>".repeat(2000) + "</message>");
        StreamEvent.RejectedStanza r = assertInstanceOf(StreamEvent.RejectedStanza.class, ch.readInbound());
        assertEquals("deep", r.stub().attributeValue("id"));
        assertTrue(r.reason().contains("nested"), r.reason());
        ch.finishAndReleaseAll();
    }

    @Test
    void nestedClientNamespaceIsKept() {
        EmbeddedChannel ch = channel(4096);
        feed(ch, HEADER + "<message to='r@muc.localhost' from='a@localhost/r'><body>outer</body>"
                + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' to='x@y'><body>inner</body>"
                + "</message></forwarded></message>");
        ch.readInbound();
        Element m = assertInstanceOf(StreamEvent.StanzaElement.class, ch.readInbound()).element();
        String xml = m.asXML();
        assertTrue(xml.startsWith("<message to="), xml);
        assertTrue(xml.contains("<body>outer</body>"), xml);
        assertTrue(xml.contains("<message xmlns=\"jabber:client\" to=\"x@y\"><body>inner</body></message>"), xml);
        ch.finishAndReleaseAll();
    }

    @Test
    void manySmallStanzasDoNotAddUpToTheLimit() {
        EmbeddedChannel ch = channel(2048);
        feed(ch, HEADER);
        ch.readInbound();
        for (int i = 0; i < 200; i++) {
            feed(ch, "<presence from='a@b/c' to='r@muc.localhost/n'><status>" + "s".repeat(40) + "</status></presence> ");
        }
        int n = 0;
        while (ch.readInbound() != null) {
            n++;
        }
        assertEquals(200, n);
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedXmlIsNotWellFormed() {
        EmbeddedChannel ch = channel(4096);
        feed(ch, HEADER);
        ch.readInbound();
        DecoderException e = assertThrows(DecoderException.class, () -> feed(ch, "<message><body></message>"));
        assertEquals("not-well-formed", ((StreamException) e.getCause()).condition());
        ch.finishAndReleaseAll();
    }

    @Test
    void doctypeIsRestrictedXml() {
        EmbeddedChannel ch = channel(4096);
        DecoderException e = assertThrows(DecoderException.class,
                () -> feed(ch, "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]>" + HEADER));
        StreamException se = (StreamException) e.getCause();
        assertEquals("restricted-xml", se.condition(), se.text());
        ch.finishAndReleaseAll();
    }

    @Test
    void wrongRootElementIsInvalidNamespace() {
        EmbeddedChannel ch = channel(4096);
        DecoderException e = assertThrows(DecoderException.class, () -> feed(ch, "<html>"));
        assertEquals("invalid-namespace", ((StreamException) e.getCause()).condition());
        ch.finishAndReleaseAll();
    }
}
