package im.satellite.irc.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One framed line (from {@link io.netty.handler.codec.LineBasedFrameDecoder}, delimiter stripped) to an
 * {@link IrcMessage}. Bytes are decoded as the network's charset; a line that is not valid there is decoded with the
 * fallback charset (e.g. ISO-8859-1 for legacy channels), which is what mixed-encoding networks need. A malformed line
 * is logged and skipped: one bad line must not cost the user the connection.
 */
public final class IrcMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(IrcMessageDecoder.class);
    private final Charset charset;
    private final Charset fallback;

    public IrcMessageDecoder(Charset charset, Charset fallback) {
        this.charset = charset;
        this.fallback = fallback;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        String line = decodeText(in);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isBlank()) {
            return;
        }
        try {
            out.add(IrcMessage.parse(line));
        } catch (IllegalArgumentException e) {
            log.debug("skipping a malformed IRC line: {}", e.getMessage());
        }
    }

    String decodeText(ByteBuf in) {
        ByteBuffer nio = in.nioBuffer();
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(nio).toString();
        } catch (CharacterCodingException e) {
            return in.toString(fallback == null ? charset : fallback);
        }
    }
}
