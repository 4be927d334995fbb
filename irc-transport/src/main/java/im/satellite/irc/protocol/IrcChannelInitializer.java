package im.satellite.irc.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The IRC client pipeline (STYLE 7.5): TLS (with host name verification when the context checks certificates),
 * line framing with a maximum length (IRCv3 tags may take 8191 bytes on top of RFC 1459's 512), the message codec,
 * an idle timer for keep-alive PINGs, then the connection's own handler.
 */
public final class IrcChannelInitializer extends ChannelInitializer<Channel> {
    /** 8191 bytes of tags plus a 512-byte line, rounded up to allow generous LINELEN values. */
    public static final int MAX_LINE = 16 * 1024;

    private final SslContext ssl;
    private final boolean verifyHost;
    private final String host;
    private final int port;
    private final Charset charset;
    private final Charset fallback;
    private final int idleSeconds;
    private final ChannelHandler handler;

    public IrcChannelInitializer(SslContext ssl, boolean verifyHost, String host, int port, Charset charset,
                                 Charset fallback, int idleSeconds, ChannelHandler handler) {
        this.ssl = ssl;
        this.verifyHost = verifyHost;
        this.host = host;
        this.port = port;
        this.charset = charset;
        this.fallback = fallback;
        this.idleSeconds = idleSeconds;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            SslHandler tls = ssl.newHandler(ch.alloc(), host, port);
            if (verifyHost) {
                SSLEngine engine = tls.engine();
                SSLParameters params = engine.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                engine.setSSLParameters(params);
            }
            p.addLast("tls", tls);
        }
        p.addLast("idle", new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS));
        p.addLast("lineFramer", new LineBasedFrameDecoder(MAX_LINE, true, true));
        p.addLast("ircDecoder", new IrcMessageDecoder(charset, fallback));
        p.addLast("ircEncoder", new IrcMessageEncoder(charset));
        p.addLast("ircClient", handler);
    }
}
