package im.satellite.core.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Assembles the component link's pipeline (STYLE 7.5); every handler is named from {@link PipelineNames}. */
final class ComponentChannelInitializer extends ChannelInitializer<Channel> {
    private final LinkSettings settings;
    private final LinkListener listener;

    ComponentChannelInitializer(LinkSettings settings, LinkListener listener) {
        this.settings = Objects.requireNonNull(settings);
        this.listener = Objects.requireNonNull(listener);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(PipelineNames.IDLE, new IdleStateHandler(settings.readIdle().toMillis(),
                settings.keepAlive().toMillis(), 0, TimeUnit.MILLISECONDS));
        p.addLast(PipelineNames.XML_DECODER, new XmppStreamDecoder(settings.maxStanzaBytes()));
        p.addLast(PipelineNames.HANDSHAKE, new HandshakeHandler(settings.domain(), settings.secret(),
                settings.handshakeTimeout().toMillis(), listener));
        p.addLast(PipelineNames.KEEPALIVE, new LinkKeepAlive(settings.domain(), settings.serverDomain()));
        p.addLast(PipelineNames.STANZAS, new StanzaInboundHandler(listener));
        p.addLast(PipelineNames.ERRORS, LinkExceptionHandler.INSTANCE);
    }
}
