package im.satellite.proxy.socks5;

import im.satellite.proxy.relay.PendingStreams;
import im.satellite.proxy.relay.RelayStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOCKS5 negotiation of XEP-0065 §6.3.2 (RFC 1928 §3–§6 as profiled by §8.2): the greeting must offer "no
 * authentication"; the request must be CONNECT to a domain name of 40 hex digits (the stream hash) and port 0. The
 * reply echoes DST.ADDR and DST.PORT as BND.ADDR and BND.PORT. The connection then waits for its partner and the
 * activation, dropping any byte it sends meanwhile (§8.1: "ignore any bytes sent before the bytestream is
 * activated"); the relay replaces this handler on activation. Anything else closes this connection only.
 */
public final class Socks5HandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Socks5HandshakeHandler.class);
    /** Early bytes tolerated before activation; a client sending more is not following XEP-0065. */
    static final int MAX_EARLY_BYTES = 64 * 1024;

    private enum State { GREETING, REQUEST, WAITING }

    private final PendingStreams pending;
    private final RelayStats stats;
    private final Duration activationTimeout;
    private State state = State.GREETING;
    private StreamHash hash;
    private long earlyBytes;
    private ScheduledFuture<?> timeout;

    public Socks5HandshakeHandler(PendingStreams pending, RelayStats stats, Duration activationTimeout) {
        this.pending = pending;
        this.stats = stats;
        this.activationTimeout = activationTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Covers the whole wait: greeting, request, the partner's arrival and the activation IQ.
        timeout = ctx.executor().schedule(() -> {
            log.debug("{}: not activated within {}, closing", ctx.channel().remoteAddress(), activationTimeout);
            ctx.close();
        }, activationTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Socks5InitialRequest greeting && state == State.GREETING) {
                greeting(ctx, greeting);
            } else if (msg instanceof Socks5CommandRequest request && state == State.REQUEST) {
                request(ctx, request);
            } else if (msg instanceof ByteBuf buf && state == State.WAITING) {
                earlyBytes += buf.readableBytes();
                if (earlyBytes > MAX_EARLY_BYTES) {
                    refuse(ctx, "sent more than " + MAX_EARLY_BYTES + " bytes before activation");
                }
            } else {
                refuse(ctx, "unexpected " + msg.getClass().getSimpleName() + " in state " + state);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void greeting(ChannelHandlerContext ctx, Socks5InitialRequest greeting) {
        if (failed(ctx, greeting.decoderResult())) {
            return;
        }
        if (!greeting.authMethods().contains(Socks5AuthMethod.NO_AUTH)) {
            stats.refused();
            ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        state = State.REQUEST;
        ctx.pipeline().replace(ProxyPipeline.SOCKS5_DECODER, ProxyPipeline.SOCKS5_DECODER,
                new Socks5CommandRequestDecoder());
        ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.NO_AUTH));
    }

    private void request(ChannelHandlerContext ctx, Socks5CommandRequest r) {
        if (failed(ctx, r.decoderResult())) {
            return;
        }
        if (r.type() != Socks5CommandType.CONNECT) {
            reject(ctx, Socks5CommandStatus.COMMAND_UNSUPPORTED, "command " + r.type());
        } else if (r.dstAddrType() != Socks5AddressType.DOMAIN || !StreamHash.isValid(r.dstAddr())) {
            reject(ctx, Socks5CommandStatus.ADDRESS_UNSUPPORTED, "DST.ADDR is not a stream hash");
        } else if (r.dstPort() != 0) {
            reject(ctx, Socks5CommandStatus.FORBIDDEN, "DST.PORT " + r.dstPort() + " is not 0");
        } else {
            StreamHash h = StreamHash.parse(r.dstAddr());
            if (pending.register(h, ctx.channel()) == PendingStreams.Registration.REFUSED) {
                reject(ctx, Socks5CommandStatus.FORBIDDEN, "a third connection for stream " + h.shortForm());
                return;
            }
            hash = h;
            state = State.WAITING;
            ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, Socks5AddressType.DOMAIN,
                    r.dstAddr(), 0));
            // The negotiation is over: bytes from here on reach this handler raw (and are dropped until activation).
            ctx.pipeline().remove(ProxyPipeline.SOCKS5_ENCODER);
            ctx.pipeline().remove(ProxyPipeline.SOCKS5_DECODER);
        }
    }

    private boolean failed(ChannelHandlerContext ctx, DecoderResult result) {
        if (result.isFailure()) {
            refuse(ctx, "malformed SOCKS5: " + result.cause().getMessage());
            return true;
        }
        return false;
    }

    private void reject(ChannelHandlerContext ctx, Socks5CommandStatus status, String why) {
        log.debug("{}: refused ({})", ctx.channel().remoteAddress(), why);
        stats.refused();
        ctx.writeAndFlush(new DefaultSocks5CommandResponse(status, Socks5AddressType.IPv4, "0.0.0.0", 0))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        log.debug("{}: closed ({})", ctx.channel().remoteAddress(), why);
        stats.refused();
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // The client hung up before activation: nothing will ever be relayed for it.
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (hash != null) {
            pending.unregister(hash, ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("SOCKS5 connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            log.debug("SOCKS5 failure", cause);
        }
        ctx.close();
    }
}
