package im.satellite.irc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IrcCodecTest {
    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new LineBasedFrameDecoder(1024, true, true),
                new IrcMessageDecoder(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1),
                new IrcMessageEncoder(StandardCharsets.UTF_8));
    }

    @Test
    void decodesLinesWithCrLfOrLfAndSkipsBlankOnes() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer(":a PRIVMSG #c :héllo\r\n\r\nPING :x\nPART", StandardCharsets.UTF_8));
        IrcMessage m = ch.readInbound();
        assertEquals("héllo", m.last());
        assertEquals("PING", ((IrcMessage) ch.readInbound()).command());
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void fallsBackToLatin1ForInvalidUtf8() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', 'x', ' ',
                (byte) 0xE9, 't', (byte) 0xE9, '\r', '\n'}));
        assertEquals("été", ((IrcMessage) ch.readInbound()).last());
        ch.finishAndReleaseAll();
    }

    @Test
    void encodesOneLinePerMessageInTheNetworkCharset() {
        EmbeddedChannel ch = new EmbeddedChannel(new IrcMessageEncoder(StandardCharsets.ISO_8859_1));
        ch.writeOutbound(IrcMessage.of("PRIVMSG", "#c", "été"));
        ByteBuf b = ch.readOutbound();
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        assertEquals("PRIVMSG #c été\r\n", new String(bytes, StandardCharsets.ISO_8859_1));
        assertEquals(16, bytes.length);
        ch.finishAndReleaseAll();
    }

    @Test
    void tooLongLinesFailWithoutKillingLaterOnes() {
        EmbeddedChannel ch = channel();
        assertThrows(Exception.class, () -> ch.writeInbound(Unpooled.copiedBuffer("X".repeat(2000) + "\r\n",
                StandardCharsets.UTF_8)));
        ch.writeInbound(Unpooled.copiedBuffer("PING x\r\n", StandardCharsets.UTF_8));
        assertEquals("PING", ((IrcMessage) ch.readInbound()).command());
        ch.finishAndReleaseAll();
    }
}
