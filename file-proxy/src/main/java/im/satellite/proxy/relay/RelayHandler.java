package im.satellite.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays what one side of an activated XEP-0065 bytestream sends to the other side (STYLE 7.5, avoiding the missing
 * writability check of Netty's socksproxy example). Backpressure: after forwarding a read, if the peer is not
 * writable (above its write-buffer high water mark) this channel stops reading; the peer's handler re-enables it on
 * its {@code channelWritabilityChanged}. Half-close: on EOF everything read is flushed to the peer, then the peer's
 * output is shut down, so no byte is lost; the pair closes when both directions ended. All state here is confined
 * to this channel's event loop; the peer is touched only through thread-safe channel operations.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

    private final RelayPair pair;
    private final Channel peer;
    private final Throttle throttle;
    private RelayHandler partner;
    private ChannelHandlerContext ctx;
    private long resumeAt;
    private boolean inputEnded;

    RelayHandler(RelayPair pair, Channel peer, Throttle throttle) {
        this.pair = pair;
        this.peer = peer;
        this.throttle = throttle;
    }

    /** The handler on the peer channel, which reads what this channel's writes go to. */
    void partner(RelayHandler p) {
        this.partner = p;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        int n = buf.readableBytes();
        if (!pair.relayed(n)) {
            buf.release();
            pair.close("over the byte limit");
            return;
        }
        // A void promise: a failed write fires exceptionCaught on the peer, whose handler closes it.
        peer.write(buf, peer.voidPromise());
        long pause = throttle == null ? 0 : throttle.onRead(n, System.nanoTime());
        if (pause > 0) {
            resumeAt = System.nanoTime() + pause;
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(this::maybeResume, pause, TimeUnit.NANOSECONDS);
        }
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
        // The peer may have become writable again between our check and setAutoRead(false): look once more.
        if (!ctx.channel().config().isAutoRead()) {
            maybeResume();
        }
    }

    /** Our channel became writable again: let the partner (which writes to us) read again, on its own loop. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            peer.eventLoop().execute(partner::maybeResume);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** On this channel's loop: reads again if the peer can take more and no rate-limit pause is running. */
    void maybeResume() {
        if (ctx == null || inputEnded || !ctx.channel().isActive()) {
            return;
        }
        if (peer.isWritable() && System.nanoTime() - resumeAt >= 0) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
            // Writes to the peer are queued in order, so this empty write completes after every byte before it.
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                if (f.isSuccess() && peer instanceof DuplexChannel d) {
                    d.shutdownOutput().addListener(s -> pair.directionDone());
                } else {
                    peer.close();
                }
            });
        } else if (evt instanceof IdleStateEvent && pair.idle() && System.nanoTime() - resumeAt >= 0) {
            // A rate-limit pause still running is not idleness.
            log.debug("Relay {} idle, closing", pair.hash().shortForm());
            pair.close("idle timeout");
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // The other direction cannot be delivered any more; ours is flushed before the peer closes.
        RelayPair.closeOnFlush(peer);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("Relay {}: {}", pair.hash().shortForm(), cause.toString());
        } else {
            log.warn("Relay {}: {}", pair.hash().shortForm(), cause.toString());
            log.debug("Relay failure", cause);
        }
        ctx.close();
    }
}
