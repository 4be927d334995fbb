package im.satellite.core.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the component link alive and notices when it is dead. When nothing was written for a while a single space
 * goes out (RFC 6120 §4.6.1 whitespace keepalive). When nothing was read for a while, an XEP-0199 ping goes to the
 * server; if still nothing arrives by the next reader-idle event the link is closed, and the connector reconnects.
 */
final class LinkKeepAlive extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(LinkKeepAlive.class);
    private final String domain;
    private final String serverDomain;
    private boolean awaitingTraffic;
    private long pings;

    LinkKeepAlive(String domain, String serverDomain) {
        this.domain = Objects.requireNonNull(domain);
        this.serverDomain = serverDomain;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        awaitingTraffic = false;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (idle.state() == IdleState.WRITER_IDLE) {
            ctx.writeAndFlush(Wire.utf8(ctx.alloc(), " "));
        } else if (idle.state() == IdleState.READER_IDLE) {
            if (!ctx.channel().config().isAutoRead()) {
                // We paused reading ourselves (backpressure): the silence is ours, not the server's.
                awaitingTraffic = false;
                return;
            }
            if (awaitingTraffic) {
                log.warn("{}: the server did not answer a keepalive ping; closing the link to reconnect", domain);
                ctx.close();
                return;
            }
            awaitingTraffic = true;
            if (serverDomain != null) {
                String ping = "<iq type='get' id='keepalive-" + (++pings) + "' from='" + domain + "' to='"
                        + serverDomain + "'><ping xmlns='urn:xmpp:ping'/></iq>";
                ctx.writeAndFlush(Wire.utf8(ctx.alloc(), ping));
            }
        }
    }
}
