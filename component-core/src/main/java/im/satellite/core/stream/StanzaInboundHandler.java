package im.satellite.core.stream;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Objects;

/**
 * After the handshake: passes each first-level element to the connector's sink (which hands it to the service's
 * lanes), reports stream errors, and answers the server's {@code </stream:stream>} by closing ours.
 */
final class StanzaInboundHandler extends ChannelInboundHandlerAdapter {
    private final LinkListener listener;

    StanzaInboundHandler(LinkListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StreamEvent.StanzaElement se) {
            if (StreamErrors.isStreamError(se.element())) {
                listener.streamError(StreamErrors.condition(se.element()), StreamErrors.text(se.element()), false);
                ctx.close();
            } else {
                listener.stanza(se.element(), se.bytes());
            }
        } else if (msg instanceof StreamEvent.RejectedStanza rs) {
            listener.rejected(rs.stub(), rs.reason());
        } else if (msg instanceof StreamEvent.StreamClose) {
            ctx.writeAndFlush(Wire.utf8(ctx.alloc(), Wire.STREAM_CLOSE)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        listener.writabilityChanged(ctx.channel());
        ctx.fireChannelWritabilityChanged();
    }
}
