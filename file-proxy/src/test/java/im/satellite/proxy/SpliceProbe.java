package im.satellite.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A throwaway probe, not a test, kept because it decided against zero-copy relaying (bench/README.md, "Profiling the
 * proxy"): a bare relay joining two accepted sockets with Netty's {@code AbstractEpollStreamChannel.spliceTo} in
 * both directions, the way its documentation asks (one event loop, level-triggered before registration, autoRead on,
 * half-closure allowed, the peer's output shut down after the input's EOF). One transfer of {@code args[0]} MiB
 * (default 1024) over raw loopback, then through the splice relay, for {@code args[1]} rounds (default 3);
 * {@code args[2]} ms of sleep per 64 KiB read during the first quarter makes the receiver slow (default 0). It prints
 * how many bytes arrived and the rate. Linux with the native epoll transport only.
 */
public final class SpliceProbe {
    private static final int CHUNK = 64 * 1024;

    private SpliceProbe() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int slowMs = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        EpollEventLoopGroup boss = new EpollEventLoopGroup(1);
        EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
        List<Channel> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket rawServer = new ServerSocket(0)) {
            Channel server = new ServerBootstrap().group(boss, loop).channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            accepted.add(ch);
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            for (int i = 1; i <= rounds; i++) {
                Socket sender = new Socket("127.0.0.1", rawServer.getLocalPort());
                report(i, "raw loopback", bytes, transfer(sender, rawServer.accept(), bytes, slowMs));
                accepted.clear();
                sender = new Socket("127.0.0.1", port);
                Socket receiver = new Socket("127.0.0.1", port);
                while (accepted.size() < 2) {
                    Thread.sleep(1);
                }
                splice(accepted.get(0), accepted.get(1));
                report(i, "splice relay", bytes, transfer(sender, receiver, bytes, slowMs));
                accepted.forEach(Channel::close);
            }
        } finally {
            boss.shutdownGracefully();
            loop.shutdownGracefully();
        }
    }

    /** Joins the two channels with spliceTo both ways, on their (shared) event loop. */
    @SuppressWarnings("deprecation")
    private static void splice(Channel x, Channel y) throws InterruptedException {
        AbstractEpollStreamChannel a = (AbstractEpollStreamChannel) x;
        AbstractEpollStreamChannel b = (AbstractEpollStreamChannel) y;
        CountDownLatch started = new CountDownLatch(1);
        a.eventLoop().execute(() -> {
            for (AbstractEpollStreamChannel[] d : new AbstractEpollStreamChannel[][] {{a, b}, {b, a}}) {
                AbstractEpollStreamChannel from = d[0];
                AbstractEpollStreamChannel to = d[1];
                from.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof ChannelInputShutdownEvent) {
                            // As RelayHandler does: after what is queued for the peer, shut its output down.
                            to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> ((DuplexChannel) to)
                                    .shutdownOutput());
                        }
                    }
                });
                from.spliceTo(to, Integer.MAX_VALUE);
                from.config().setAutoRead(true);
            }
            started.countDown();
        });
        started.await();
    }

    /** Sends {@code bytes} and half-closes; returns {received bytes, nanoseconds}. */
    private static long[] transfer(Socket sender, Socket receiver, long bytes, int slowMs) throws Exception {
        long t0 = System.nanoTime();
        Thread writer = new Thread(() -> {
            try (sender) {
                OutputStream out = sender.getOutputStream();
                byte[] buf = new byte[CHUNK];
                new Random(1).nextBytes(buf);
                for (long n = 0; n < bytes; n += CHUNK) {
                    out.write(buf);
                }
                sender.shutdownOutput();
                sender.getInputStream().read();
            } catch (IOException e) {
                e.printStackTrace();
            }
        });
        writer.start();
        long got = 0;
        try (receiver) {
            InputStream in = receiver.getInputStream();
            byte[] buf = new byte[CHUNK];
            for (int k; (k = in.read(buf)) >= 0; ) {
                got += k;
                if (slowMs > 0 && got < bytes / 4) {
                    Thread.sleep(slowMs);
                }
            }
        }
        long nanos = System.nanoTime() - t0;
        writer.join();
        return new long[] {got, nanos};
    }

    private static void report(int round, String what, long sent, long[] r) {
        System.out.printf("round %d: %s: %d of %d bytes arrived (%d missing), %.0f MB/s%n", round, what, r[0], sent,
                sent - r[0], r[0] / 1e6 / (r[1] / 1e9));
    }
}
