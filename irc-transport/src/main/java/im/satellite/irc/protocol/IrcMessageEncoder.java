package im.satellite.irc.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.Charset;

/**
 * {@link IrcMessage} to one line of bytes in the network's charset, terminated by CR LF. An {@code IrcMessage} cannot
 * hold CR, LF or NUL (its constructor refuses them), so exactly one line leaves per message.
 */
public final class IrcMessageEncoder extends MessageToByteEncoder<IrcMessage> {
    private final Charset charset;

    public IrcMessageEncoder(Charset charset) {
        super(IrcMessage.class);
        this.charset = charset;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, IrcMessage msg, ByteBuf out) {
        out.writeCharSequence(msg.toLine(), charset);
        out.writeByte('\r').writeByte('\n');
    }
}
