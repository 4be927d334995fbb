package im.satellite.proxy.socks5;

import im.satellite.core.Transports;
import im.satellite.proxy.relay.CapacityEstimator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOCKS5 listener of the proxy (XEP-0065 §6.3.2) on an event loop group of its own, so that bulk relaying never
 * delays the component links' stanzas and the listener's lifetime is the service's. Accepted connections allow
 * half-closure (a relay needs it, see {@code RelayHandler}), read at least 64 KiB at a time and stop being writable
 * above 1 MiB of queued buffer capacity, which bounds what one direction of a relay holds while its sender sends.
 */
public final class Socks5Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Socks5Server.class);
    /** Read sizes: at least 64 KiB (STYLE 7.5 / issue 4), growing up to 1 MiB for a fast sender. */
    static final int READ_MIN = 64 * 1024;
    static final int READ_INITIAL = 128 * 1024;
    static final int READ_MAX = 1024 * 1024;
    /** Queued-write bounds per connection: stop the other side reading above HIGH, resume below LOW. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final EventLoopGroup group;
    private final Channel server;

    private Socks5Server(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /**
     * Binds the listener; fails (after releasing its threads) if the address cannot be bound.
     *
     * @param threads   event loop threads; 0 for the number of cores
     * @param allocator the buffer allocator (tests pass a counting one)
     */
    public static Socks5Server bind(InetSocketAddress address, int threads, ByteBufAllocator allocator,
                                    ChannelInitializer<Channel> initializer) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        EventLoopGroup group = Transports.newGroup(n, "proxy-socks");
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(Transports.serverSocketChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, allocator)
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR,
                            new AdaptiveRecvByteBufAllocator(READ_MIN, READ_INITIAL, READ_MAX))
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, CapacityEstimator.INSTANCE)
                    .childHandler(initializer)
                    .bind(address).syncUninterruptibly().channel();
            log.info("SOCKS5 listener on {} ({} threads, {})", ch.localAddress(), n,
                    Transports.nativeEpoll() ? "epoll" : "nio");
            return new Socks5Server(group, ch);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The bound port (useful when bound to port 0). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Stops listening and closes every connection, waiting briefly for the threads. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
