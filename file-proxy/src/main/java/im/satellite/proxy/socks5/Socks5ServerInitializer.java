package im.satellite.proxy.socks5;

import im.satellite.proxy.relay.PendingStreams;
import im.satellite.proxy.relay.RelayStats;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import java.time.Duration;
import java.util.Objects;

/**
 * The pipeline of an accepted SOCKS5 connection (XEP-0065 §6.3.2): Netty's SOCKS5 server encoder, the greeting
 * decoder (replaced by the request decoder after the greeting) and the negotiation handler. On activation the
 * relay replaces all three.
 */
public final class Socks5ServerInitializer extends ChannelInitializer<Channel> {
    private final PendingStreams pending;
    private final RelayStats stats;
    private final Duration activationTimeout;

    public Socks5ServerInitializer(PendingStreams pending, RelayStats stats, Duration activationTimeout) {
        this.pending = Objects.requireNonNull(pending);
        this.stats = Objects.requireNonNull(stats);
        this.activationTimeout = Objects.requireNonNull(activationTimeout);
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast(ProxyPipeline.SOCKS5_ENCODER, Socks5ServerEncoder.DEFAULT)
                .addLast(ProxyPipeline.SOCKS5_DECODER, new Socks5InitialRequestDecoder())
                .addLast(ProxyPipeline.SOCKS5_HANDSHAKE,
                        new Socks5HandshakeHandler(pending, stats, activationTimeout));
    }
}
