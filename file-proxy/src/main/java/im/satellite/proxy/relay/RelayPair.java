package im.satellite.proxy.relay;

import im.satellite.proxy.socks5.ProxyPipeline;
import im.satellite.proxy.socks5.StreamHash;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One activated bytestream (XEP-0065 §6.3.6): two accepted SOCKS5 connections relaying to each other, moved onto one
 * event loop on activation unless {@code pair-on-one-loop} is off. The pair only ever uses thread-safe operations on the other side's channel
 * ({@code write}/{@code flush}, {@code shutdownOutput}, {@code close}, and {@code setAutoRead} only from the
 * channel's own loop); its own fields are atomics. See docs/file-proxy.md, "Threads".
 */
public final class RelayPair {
    private static final Logger log = LoggerFactory.getLogger(RelayPair.class);

    private final StreamHash hash;
    private final String initiator;
    private final String target;
    private final Channel first;
    private final Channel second;
    private final TransferLimits limits;
    private final RelayStats stats;
    private final Duration idleTimeout;
    private final boolean sameLoop;
    private final Runnable onEnd;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger directionsDone = new AtomicInteger();
    private final AtomicInteger channelsClosed = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long lastActivity = System.nanoTime();
    private volatile long startedAt;
    private volatile String closeReason = "done";

    /**
     * @param sameLoop whether to move the second channel onto the first one's event loop before relaying, so that
     *                 a read and the write it causes run on one thread (no cross-thread write task per read)
     * @param onEnd    runs once, after both channels closed (gives back the hash and the user's slot)
     */
    public RelayPair(StreamHash hash, String initiator, String target, Channel first, Channel second,
                     TransferLimits limits, RelayStats stats, Duration idleTimeout, boolean sameLoop,
                     Runnable onEnd) {
        this.hash = Objects.requireNonNull(hash);
        this.initiator = Objects.requireNonNull(initiator);
        this.target = Objects.requireNonNull(target);
        this.first = Objects.requireNonNull(first);
        this.second = Objects.requireNonNull(second);
        this.limits = Objects.requireNonNull(limits);
        this.stats = Objects.requireNonNull(stats);
        this.idleTimeout = Objects.requireNonNull(idleTimeout);
        this.sameLoop = sameLoop;
        this.onEnd = Objects.requireNonNull(onEnd);
    }

    /**
     * Moves the second channel onto the first one's event loop (if asked to), then replaces the SOCKS5 negotiation
     * handlers of both channels by relay handlers, each on its channel's event loop. The future completes once both
     * relays are installed, so the activation result is sent only when bytes the initiator writes after it are sure
     * to be relayed; it fails if either side went away meanwhile.
     */
    public CompletableFuture<Void> start() {
        startedAt = System.nanoTime();
        lastActivity = startedAt;
        stats.started();
        ChannelFutureListener closed = f -> {
            if (channelsClosed.incrementAndGet() == 2) {
                end();
            }
        };
        first.closeFuture().addListener(closed);
        second.closeFuture().addListener(closed);
        RelayHandler a = new RelayHandler(this, second, limits.newThrottle());
        RelayHandler b = new RelayHandler(this, first, limits.newThrottle());
        a.partner(b);
        b.partner(a);
        CompletableFuture<Void> done = colocate().thenCompose(
                v -> CompletableFuture.allOf(install(first, a), install(second, b)));
        return done.whenComplete((v, e) -> {
            if (e != null) {
                close("a side left before activation");
            } else {
                // A side that paused before its peer's relay was installed missed the peer's writability event.
                first.eventLoop().execute(a::maybeResume);
                second.eventLoop().execute(b::maybeResume);
            }
        });
    }

    /**
     * Deregisters the second channel from its loop and registers it on the first one's. While it is unregistered
     * its socket is not read, so the kernel keeps what arrives; its pipeline still holds the negotiation handler.
     */
    private CompletableFuture<Void> colocate() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        EventLoop loop = first.eventLoop();
        if (!sameLoop || second.eventLoop() == loop) {
            f.complete(null);
            return f;
        }
        second.deregister().addListener(d -> {
            if (!d.isSuccess() || !second.isOpen()) {
                f.completeExceptionally(new IllegalStateException("channel closed before activation"));
                return;
            }
            loop.register(second).addListener(r -> {
                if (r.isSuccess()) {
                    f.complete(null);
                } else {
                    second.close();
                    f.completeExceptionally(r.cause());
                }
            });
        });
        return f;
    }

    private CompletableFuture<Void> install(Channel ch, RelayHandler relay) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        ch.eventLoop().execute(() -> {
            if (!ch.isActive()) {
                f.completeExceptionally(new IllegalStateException("channel closed before activation"));
                return;
            }
            ChannelPipeline p = ch.pipeline();
            for (String name : new String[] {ProxyPipeline.SOCKS5_DECODER, ProxyPipeline.SOCKS5_ENCODER}) {
                if (p.get(name) != null) {
                    p.remove(name);
                }
            }
            p.replace(ProxyPipeline.SOCKS5_HANDSHAKE, ProxyPipeline.RELAY, relay);
            p.addBefore(ProxyPipeline.RELAY, ProxyPipeline.IDLE,
                    new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
            ch.config().setAutoRead(true);
            f.complete(null);
        });
        return f;
    }

    /** Counts {@code n} bytes read from either side; false once the transfer went over its byte limit. */
    boolean relayed(int n) {
        lastActivity = System.nanoTime();
        stats.relayed(n);
        long total = bytes.addAndGet(n);
        return limits.maxBytes() == 0 || total <= limits.maxBytes();
    }

    /** One direction finished cleanly (EOF read, everything flushed, output shut down); both done closes the pair. */
    void directionDone() {
        if (directionsDone.incrementAndGet() == 2) {
            close("done");
        }
    }

    /** Whether nothing was read from either side for the idle timeout. */
    boolean idle() {
        return System.nanoTime() - lastActivity >= idleTimeout.toNanos();
    }

    /** Closes both sides now (limit, idle timeout, or a side failed); what is queued is dropped. */
    void close(String reason) {
        if (!"done".equals(reason)) {
            closeReason = reason;
        }
        first.close();
        second.close();
    }

    /** Closes {@code ch} after what is queued for it was written (the other side is gone). */
    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public StreamHash hash() {
        return hash;
    }

    /** Bytes relayed so far, both directions. */
    public long bytes() {
        return bytes.get();
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        stats.finished();
        long nanos = Math.max(1, System.nanoTime() - startedAt);
        long n = bytes.get();
        double seconds = nanos / 1e9;
        log.info("Transfer {} {} -> {} ended ({}): {} bytes in {} s, {} MB/s", hash.shortForm(), initiator, target,
                closeReason, n, String.format("%.3f", seconds), String.format("%.1f", n / 1e6 / seconds));
        onEnd.run();
    }
}
