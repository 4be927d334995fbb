package im.satellite.core.testkit;

import im.satellite.core.stream.StreamEvent;
import im.satellite.core.stream.XmppStreamDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dom4j.Element;

/**
 * Plays the server side of XEP-0114 on loopback, in the style of OkHttp's MockWebServer: it checks the handshake
 * against its secret, records the stanzas the component sends and lets a test send stanzas to the component. Faults:
 * refusing every handshake and dropping the connection. For connector and codec tests only; features are proven
 * against a real Prosody and ejabberd.
 */
public final class FakeXmppServer implements AutoCloseable {
    private final String secret;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;
    private final BlockingQueue<Element> received = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private volatile boolean refuseHandshakes;
    private volatile Channel current;

    public FakeXmppServer(String secret) throws InterruptedException {
        this(secret, 0);
    }

    /** A server on a given loopback port (for a component that is already trying to connect there). */
    public static FakeXmppServer onPort(String secret, int port) throws InterruptedException {
        return new FakeXmppServer(secret, port);
    }

    private FakeXmppServer(String secret, int port) throws InterruptedException {
        this.secret = secret;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast(new XmppStreamDecoder(1 << 20), new ServerSide());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Handshakes accepted so far. */
    public int handshakes() {
        return handshakes.get();
    }

    public void refuseHandshakes(boolean refuse) {
        this.refuseHandshakes = refuse;
    }

    /** The next stanza the component sent, or null after the timeout. */
    public Element take(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends raw XML to the connected component. */
    public void send(String xml) {
        Channel ch = current;
        if (ch == null) {
            throw new IllegalStateException("no component connected");
        }
        ch.writeAndFlush(ByteBufUtil.writeUtf8(ch.alloc(), xml)).syncUninterruptibly();
    }

    /** Drops the current connection without a stream error (a crash or network loss). */
    public void dropConnection() {
        Channel ch = current;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
    }

    /** Waits until a component has completed a handshake {@code count} times in all. */
    public void awaitHandshakes(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handshakes.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " handshakes, saw " + handshakes.get());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class ServerSide extends SimpleChannelInboundHandler<StreamEvent> {
        private String streamId;
        private boolean authenticated;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, StreamEvent ev) {
            if (ev instanceof StreamEvent.StreamOpen open) {
                streamId = Long.toHexString(System.nanoTime());
                write(ctx, "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
                        + "xmlns='jabber:component:accept' from='" + open.attributes().get("to") + "' id='" + streamId + "'>");
            } else if (ev instanceof StreamEvent.StanzaElement se) {
                Element e = se.element();
                if (!authenticated && "handshake".equals(e.getName())) {
                    if (!refuseHandshakes && sha1Hex(streamId + secret).equals(e.getTextTrim())) {
                        authenticated = true;
                        current = ctx.channel();
                        write(ctx, "<handshake/>");
                        handshakes.incrementAndGet();
                    } else {
                        write(ctx, "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                                + "</stream:error></stream:stream>");
                        ctx.close();
                    }
                } else if (authenticated) {
                    received.add(e);
                }
            } else if (ev instanceof StreamEvent.StreamClose) {
                write(ctx, "</stream:stream>");
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private void write(ChannelHandlerContext ctx, String s) {
            ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), s));
        }
    }

    /** A UTF-8 string's bytes, for tests that feed raw input. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
