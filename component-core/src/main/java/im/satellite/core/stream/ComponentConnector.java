package im.satellite.core.stream;

import im.satellite.core.Outbound;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one component connected to its host server (XEP-0114): connects, hands the stream to the pipeline, and
 * reconnects with capped exponential backoff and jitter whenever the link drops or the server is not up yet. A
 * refused handshake (wrong secret, unknown component) is logged once as an error naming the config key, then retried
 * slowly. Stanzas received go to the {@link StanzaSink} on the event loop, which hands them off without blocking.
 */
public final class ComponentConnector implements LinkListener {
    private static final Logger log = LoggerFactory.getLogger(ComponentConnector.class);

    /** Told when the link comes up and goes down; called on an event loop thread, must not block. */
    public interface StateListener {
        void online();

        void offline();
    }

    private final LinkSettings settings;
    private final Bootstrap bootstrap;
    private final StanzaSink sink;
    private final StateListener state;
    private final ComponentLink link;
    private final CompletableFuture<Void> firstOnline = new CompletableFuture<>();
    private volatile boolean stopped;
    private volatile boolean inboundPaused;
    /** Touched by connect and close callbacks, which run one after another on the group's threads. */
    private volatile int failures;
    private volatile String refusal;

    public ComponentConnector(LinkSettings settings, EventLoopGroup group, Class<? extends SocketChannel> type,
                              StanzaSink sink, StateListener state) {
        this.settings = Objects.requireNonNull(settings);
        this.sink = Objects.requireNonNull(sink);
        this.state = Objects.requireNonNull(state);
        this.link = new ComponentLink(settings);
        this.bootstrap = new Bootstrap().group(group).channel(type)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .handler(new ComponentChannelInitializer(settings, this));
    }

    /** Starts connecting; returns at once. */
    public void start() {
        connect();
    }

    /** The outbound side: stanzas written to whichever connection is current. */
    public Outbound outbound() {
        return link;
    }

    public LinkSettings settings() {
        return settings;
    }

    public boolean isOnline() {
        return link.channel() != null;
    }

    /** Completes when the link first comes online. */
    public CompletableFuture<Void> firstOnline() {
        return firstOnline;
    }

    /** Stops reading from the server while the service's lanes are overloaded (backpressure), or resumes. */
    public void pauseInbound(boolean paused) {
        inboundPaused = paused;
        Channel ch = link.channel();
        if (ch != null) {
            ch.eventLoop().execute(() -> updateAutoRead(ch));
        }
    }

    /**
     * Stops reconnecting, flushes what is queued, closes the stream politely and waits up to {@code grace} for
     * the server to close its side.
     */
    public void close(Duration grace) {
        stopped = true;
        Channel ch = link.channel();
        link.detach();
        if (ch == null || !ch.isActive()) {
            return;
        }
        ch.eventLoop().execute(() -> ch.writeAndFlush(Wire.utf8(ch.alloc(), Wire.STREAM_CLOSE)));
        if (!ch.closeFuture().awaitUninterruptibly(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            ch.close().awaitUninterruptibly(1000);
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        ChannelFuture f = bootstrap.connect(settings.host(), settings.port());
        f.addListener(done -> {
            if (!done.isSuccess()) {
                retry("cannot connect to " + address() + ": " + rootMessage(done.cause()));
                return;
            }
            f.channel().closeFuture().addListener(closed -> linkClosed(f.channel()));
        });
    }

    private void linkClosed(Channel ch) {
        boolean wasOnline = link.channel() == ch;
        link.detach(ch);
        if (wasOnline) {
            state.offline();
        }
        if (stopped) {
            return;
        }
        if (refusal != null) {
            scheduleReconnect(settings.authFailureRetry());
        } else {
            retry(wasOnline ? "lost the link to " + address() : "the link to " + address() + " closed before the handshake");
        }
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        Duration delay = backoff(failures++);
        if (failures == 1 || failures % 10 == 0) {
            log.info("{} ({}): {}; reconnecting in {} s", settings.name(), settings.domain(), why, seconds(delay));
        } else {
            log.debug("{} ({}): {}; reconnecting in {} s", settings.name(), settings.domain(), why, seconds(delay));
        }
        scheduleReconnect(delay);
    }

    private void scheduleReconnect(Duration delay) {
        if (!stopped) {
            bootstrap.config().group().schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Exponential backoff, capped, with jitter in [d/2, d] so that many components do not retry in step. */
    Duration backoff(int attempt) {
        long min = settings.reconnectMin().toMillis();
        long max = settings.reconnectMax().toMillis();
        long d = Math.min(max, min << Math.min(attempt, 20));
        long jittered = d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    @Override
    public void online(Channel channel) {
        if (stopped) {
            channel.close();
            return;
        }
        if (refusal != null || failures > 0) {
            log.info("{} ({}): connected to {} after {} retries", settings.name(), settings.domain(), address(), failures);
        } else {
            log.info("{} ({}): connected to {}", settings.name(), settings.domain(), address());
        }
        failures = 0;
        refusal = null;
        link.attach(channel);
        updateAutoRead(channel);
        state.online();
        firstOnline.complete(null);
    }

    @Override
    public void streamError(String condition, String text, boolean duringHandshake) {
        if (!duringHandshake) {
            log.warn("{} ({}): the server closed the stream with {}{}", settings.name(), settings.domain(), condition,
                    text.isEmpty() ? "" : " (" + text + ")");
            return;
        }
        boolean first = !condition.equals(refusal);
        refusal = condition;
        String advice = switch (condition) {
            case "not-authorized" -> "the secret does not match: check components." + settings.name()
                    + ".secret in the Satellite config against the server's component secret";
            case "conflict" -> "another component is already connected as " + settings.domain();
            case "host-unknown", "improper-addressing", "item-not-found" -> "the server does not know "
                    + settings.domain() + ": declare it as an external component in the server's config";
            default -> "check the component declaration on the server";
        };
        String msg = "{} ({}): the server at {} refused the handshake ({}{}): {}; retrying every {} s";
        Object[] args = {settings.name(), settings.domain(), address(), condition,
            text.isEmpty() ? "" : ": " + text, advice, seconds(settings.authFailureRetry())};
        if (first) {
            log.error(msg, args);
        } else {
            log.debug(msg, args);
        }
    }

    @Override
    public void stanza(Element element, int bytes) {
        if (!link.inbound(element)) {
            sink.stanza(element, bytes);
        }
    }

    @Override
    public void rejected(Element stub, String reason) {
        log.info("{} ({}): rejected a <{}> from {}: {}", settings.name(), settings.domain(), stub.getName(),
                stub.attributeValue("from"), reason);
        sink.rejected(stub, reason);
    }

    @Override
    public void writabilityChanged(Channel channel) {
        updateAutoRead(channel);
    }

    private void updateAutoRead(Channel ch) {
        ch.config().setAutoRead(!inboundPaused && ch.isWritable());
    }

    private String address() {
        return settings.host() + ":" + settings.port();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
