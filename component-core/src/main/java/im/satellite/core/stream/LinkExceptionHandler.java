package im.satellite.core.stream;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of the component link: classifies failures (STYLE 7.5). A {@link StreamException} (oversized
 * stanza, malformed XML) is answered with its stream error and the link closes, to be reconnected. A connection reset
 * is logged at DEBUG; anything else at WARN without a stack trace, the stack at DEBUG.
 */
@ChannelHandler.Sharable
final class LinkExceptionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(LinkExceptionHandler.class);
    static final LinkExceptionHandler INSTANCE = new LinkExceptionHandler();

    private LinkExceptionHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof StreamException se) {
            log.warn("Component link {}: closing the stream with {}: {}", ctx.channel().remoteAddress(),
                    se.condition(), se.text());
            Wire.closeWithStreamError(ctx.channel(), se.condition(), se.text());
        } else if (c instanceof SocketException || c instanceof java.nio.channels.ClosedChannelException
                || (c instanceof IOException && isReset(c))) {
            log.debug("Component link {}: {}", ctx.channel().remoteAddress(), c.toString());
            ctx.close();
        } else {
            log.warn("Component link {}: unexpected {}; closing", ctx.channel().remoteAddress(), c.toString());
            log.debug("Stack trace", c);
            ctx.close();
        }
    }

    private static boolean isReset(Throwable t) {
        String m = t.getMessage();
        return m != null && (m.contains("reset") || m.contains("Broken pipe"));
    }
}
