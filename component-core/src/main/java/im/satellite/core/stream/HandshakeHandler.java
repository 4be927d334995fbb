package im.satellite.core.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.DigestUtils;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XEP-0114 §3: opens the stream, answers the server's stream id with {@code <handshake>} carrying the lower-case hex
 * SHA-1 of (stream id + secret), and waits for the empty {@code <handshake/>}. On success it reports the link online
 * and removes itself from the pipeline; a stream error (e.g. {@code not-authorized} for a wrong secret) is reported
 * to the connector. The secret is never logged.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);

    private final String domain;
    private final String secret;
    private final long timeoutMillis;
    private final LinkListener listener;
    private ScheduledFuture<?> timeout;

    HandshakeHandler(String domain, String secret, long timeoutMillis, LinkListener listener) {
        this.domain = Objects.requireNonNull(domain);
        this.secret = Objects.requireNonNull(secret);
        this.timeoutMillis = timeoutMillis;
        this.listener = Objects.requireNonNull(listener);
    }

    /** The XEP-0114 handshake value: hex SHA-1 of the stream id followed by the shared secret. */
    static String digest(String streamId, String secret) {
        return DigestUtils.sha1Hex((streamId + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Wire.utf8(ctx.alloc(), Wire.streamHeader(domain)));
        timeout = ctx.executor().schedule(() -> {
            log.warn("{}: no handshake answer from the server within {} ms; closing", domain, timeoutMillis);
            ctx.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StreamEvent.StreamOpen open) {
            String id = open.id();
            if (id == null || id.isEmpty()) {
                throw new StreamException("invalid-id", "the server's stream header has no id");
            }
            ctx.writeAndFlush(Wire.utf8(ctx.alloc(), Wire.handshake(digest(id, secret))));
        } else if (msg instanceof StreamEvent.StanzaElement se) {
            Element e = se.element();
            if ("handshake".equals(e.getName())) {
                cancelTimeout();
                ctx.pipeline().remove(this);
                listener.online(ctx.channel());
            } else if (StreamErrors.isStreamError(e)) {
                cancelTimeout();
                listener.streamError(StreamErrors.condition(e), StreamErrors.text(e), true);
                ctx.close();
            } else {
                log.debug("{}: ignoring <{}> received before the handshake completed", domain, e.getName());
            }
        } else if (msg instanceof StreamEvent.StreamClose) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        ctx.fireChannelInactive();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
