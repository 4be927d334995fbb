package im.satellite.irc.client;

import im.satellite.irc.protocol.IrcChannelInitializer;
import im.satellite.irc.protocol.IrcMessage;
import im.satellite.irc.protocol.ISupport;
import im.satellite.irc.protocol.Numerics;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC connection of one XMPP user to one network. Lines are read on the event loop and handed to the user's lane
 * ({@code lane}), where registration, ISUPPORT and the {@link Listener} run. Outgoing lines pass a
 * {@link TokenBucket}. After an unexpected disconnect of a connection that had registered, it reconnects with
 * exponential backoff and jitter and tells the listener {@link Listener#registered(boolean) registered(true)} again,
 * so the bridge can rejoin the user's channels.
 */
public final class IrcConnection {
    private static final Logger log = LoggerFactory.getLogger(IrcConnection.class);
    /** Every line in and out at TRACE; lines carry user content and passwords, so never on by default. */
    private static final Logger wire = LoggerFactory.getLogger("im.satellite.irc.wire");

    /** What a connection reports; every method runs on the owning lane. */
    public interface Listener {
        /** Registration completed (001 received); {@code again} after a reconnect. */
        void registered(IrcConnection c, boolean again);

        /** A line after registration (and server lines during it that registration does not consume). */
        void message(IrcConnection c, IrcMessage m);

        /** Registration failed or the first connect failed; the connection is closed and will not retry. */
        void failed(IrcConnection c, Registration.Failure failure, String text);

        /** The connection dropped; {@code retrying} if a reconnect is scheduled. */
        void disconnected(IrcConnection c, boolean retrying);
    }

    private final IrcNetwork network;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final SslContext ssl;
    private final Executor lane;
    private final Listener listener;
    private final int idleSeconds;
    private final ConnectGate gate;
    // Lane-owned state.
    /** Whether this connection holds a place in the network's {@link ConnectGate} (until registered or failed). */
    private boolean connecting;
    private IrcIdentity identity;
    private Registration registration;
    private ISupport isupport = new ISupport();
    private String nick;
    private boolean everRegistered;
    /** Why the link last failed (e.g. a certificate the server presented was refused), for the user. */
    private volatile String lastError;
    private int attempts;
    // Written on the lane, read on the event loop.
    private volatile boolean closing;
    private volatile Channel channel;
    // Event-loop-owned.
    private final ArrayDeque<IrcMessage> queue = new ArrayDeque<>();
    private TokenBucket bucket;
    private boolean drainScheduled;

    public IrcConnection(IrcNetwork network, IrcIdentity identity, EventLoopGroup group,
                         Class<? extends Channel> channelType, SslContext ssl, Executor lane, Listener listener,
                         int idleSeconds) {
        this(network, identity, group, channelType, ssl, lane, listener, idleSeconds, ConnectGate.unlimited());
    }

    /** With {@code gate} pacing the connection attempts to the network (shared by its connections). */
    public IrcConnection(IrcNetwork network, IrcIdentity identity, EventLoopGroup group,
                         Class<? extends Channel> channelType, SslContext ssl, Executor lane, Listener listener,
                         int idleSeconds, ConnectGate gate) {
        this.gate = Objects.requireNonNull(gate);
        this.network = Objects.requireNonNull(network);
        this.identity = Objects.requireNonNull(identity);
        this.group = Objects.requireNonNull(group);
        this.channelType = Objects.requireNonNull(channelType);
        this.ssl = ssl;
        this.lane = Objects.requireNonNull(lane);
        this.listener = Objects.requireNonNull(listener);
        this.idleSeconds = idleSeconds;
        this.nick = identity.nick();
    }

    public IrcNetwork network() {
        return network;
    }

    /** The current nick (lane). */
    public String nick() {
        return nick;
    }

    /** What the server announced (lane). */
    public ISupport isupport() {
        return isupport;
    }

    /** Whether registration has completed on the current link (lane). */
    public boolean isRegistered() {
        return registration != null && registration.state() == Registration.State.DONE && channel != null
                && channel.isActive();
    }

    /** The capabilities enabled on the current link (lane). */
    public Set<String> caps() {
        return registration == null ? Set.of() : registration.enabledCaps();
    }

    /** Changes the nick used for the next registration (lane). */
    public void identity(IrcIdentity id) {
        this.identity = id;
    }

    /** Starts connecting, when the network's gate lets it; returns at once. */
    public void connect() {
        closing = false;
        lastError = null;
        gate.enter(() -> {
            try {
                lane.execute(this::attempt);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                gate.release();
            }
        });
    }

    /** One connection attempt, holding a place in the gate until registration ends (lane). */
    private void attempt() {
        if (closing || connecting) {
            gate.release();
            return;
        }
        connecting = true;
        registration = new Registration(identity, network.password(), this::send, everRegistered ? 3 : 0)
                .external(network.hasClientCertificate() && identity.saslPassword() == null);
        isupport = new ISupport();
        new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new IrcChannelInitializer(ssl, network.verifyTls(), network.host(), network.port(),
                        network.charset(), network.fallbackCharset(), idleSeconds, new Inbound()))
                .connect(network.host(), network.port())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        lane.execute(() -> connectFailed(f.cause()));
                    }
                });
    }

    /** Gives the place in the gate to the next connection (lane). */
    private void leaveGate() {
        if (connecting) {
            connecting = false;
            gate.release();
        }
    }

    /** Queues one line, subject to flood control; dropped while not connected. Safe from any thread. */
    public void send(IrcMessage m) {
        Channel ch = channel;
        if (ch == null) {
            log.debug("{}: not connected, dropped {}", network.name(), m.command());
            return;
        }
        try {
            ch.eventLoop().execute(() -> {
                queue.add(m);
                drain(ch);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("{}: event loop gone, dropped {}", network.name(), m.command());
        }
    }

    /** Writes one line ahead of the flood queue (PONG). */
    private void sendNow(IrcMessage m) {
        Channel ch = channel;
        if (ch != null) {
            ch.writeAndFlush(m).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
    }

    /** Sends QUIT and closes; no reconnect. Safe from any thread. */
    public void close(String quitMessage) {
        closing = true;
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        ch.eventLoop().execute(() -> {
            queue.clear();
            if (ch.isActive()) {
                ch.writeAndFlush(IrcMessage.of("QUIT", quitMessage == null ? "" : quitMessage))
                        .addListener(ChannelFutureListener.CLOSE);
                ch.eventLoop().schedule(() -> ch.close(), 2, TimeUnit.SECONDS);
            } else {
                ch.close();
            }
        });
    }

    private void drain(Channel ch) {
        long now = System.nanoTime();
        boolean wrote = false;
        while (!queue.isEmpty() && bucket.tryTake(now)) {
            IrcMessage m = queue.poll();
            if (wire.isTraceEnabled()) {
                wire.trace("{} {} -> {}", network.name(), nick, m.toLine());
            }
            ch.write(m).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            wrote = true;
        }
        if (wrote) {
            ch.flush();
        }
        if (!queue.isEmpty() && !drainScheduled) {
            drainScheduled = true;
            ch.eventLoop().schedule(() -> {
                drainScheduled = false;
                drain(ch);
            }, Math.max(1, bucket.nanosUntilToken(now)), TimeUnit.NANOSECONDS);
        }
    }

    private void connectFailed(Throwable cause) {
        leaveGate();
        String text = cause == null ? "connection failed" : cause.getMessage();
        if (everRegistered && !closing) {
            listener.disconnected(this, true);
            scheduleReconnect();
        } else {
            listener.failed(this, Registration.Failure.REFUSED, "cannot connect to " + network.name() + ": " + text);
        }
    }

    private void onLine(IrcMessage m) {
        if (m.is("PING")) {
            // PONG jumps the flood queue: a long queue must not make the server time us out.
            sendNow(IrcMessage.of("PONG", m.params().isEmpty() ? "x" : m.last()));
            return;
        }
        if (m.is(Numerics.RPL_ISUPPORT) && m.params().size() > 2) {
            isupport.apply(m.params().subList(1, m.params().size() - 1));
        }
        if (registration.state() != Registration.State.DONE) {
            if (registration.handle(m)) {
                afterRegistrationStep(m);
                return;
            }
        } else if (m.is("NICK") && isupport.caseMapping().equals(m.sourceNick(), nick)) {
            nick = m.param(0);
        }
        listener.message(this, m);
    }

    private void afterRegistrationStep(IrcMessage m) {
        switch (registration.state()) {
            case DONE -> {
                leaveGate();
                nick = registration.nick();
                boolean again = everRegistered;
                everRegistered = true;
                attempts = 0;
                if (identity.nickservPassword() != null && !identity.nickservPassword().isEmpty()) {
                    send(IrcMessage.of("PRIVMSG", "NickServ", "IDENTIFY " + identity.nickservPassword()));
                }
                log.debug("{}: registered as {} with caps {}", network.name(), nick, registration.enabledCaps());
                listener.registered(this, again);
            }
            case FAILED -> {
                leaveGate();
                closing = true;
                Channel ch = channel;
                if (ch != null) {
                    ch.close();
                }
                listener.failed(this, registration.failure(), m.last());
            }
            default -> { }
        }
    }

    private void onInactive() {
        leaveGate();
        channel = null;
        if (closing) {
            return;
        }
        boolean retry = everRegistered;
        listener.disconnected(this, retry);
        if (retry) {
            scheduleReconnect();
        } else {
            closing = true;
            String why = lastError;
            listener.failed(this, Registration.Failure.REFUSED, why == null ? "the IRC server closed the connection"
                    : "cannot connect to " + network.name() + ": " + why);
        }
    }

    private void scheduleReconnect() {
        long min = network.reconnectMin().toMillis();
        long max = network.reconnectMax().toMillis();
        long delay = Math.min(max, min << Math.min(attempts, 16));
        delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        attempts++;
        if (group.isShuttingDown()) {
            return;
        }
        log.info("{}: reconnecting in {} ms (attempt {})", network.name(), delay, attempts);
        group.next().schedule(() -> lane.execute(() -> {
            if (!closing) {
                connect();
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    /** Bridges the channel to the lane. One instance per channel. */
    private final class Inbound extends SimpleChannelInboundHandler<IrcMessage> {
        private boolean pinged;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            bucket = new TokenBucket(network.floodBurst(), network.floodInterval().toNanos(), System.nanoTime());
            queue.clear();
            channel = ctx.channel();
            toLane(registration::start);
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, IrcMessage m) {
            pinged = false;
            if (wire.isTraceEnabled()) {
                wire.trace("{} {} <- {}", network.name(), nick, m.toLine());
            }
            toLane(() -> onLine(m));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                if (pinged) {
                    log.info("{}: no answer to PING, closing", network.name());
                    ctx.close();
                } else {
                    pinged = true;
                    ctx.writeAndFlush(IrcMessage.of("PING", "satellite"));
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            toLane(IrcConnection.this::onInactive);
        }

        /** Hands work to the lane; during shutdown the lanes are gone and late events are dropped. */
        private void toLane(Runnable r) {
            try {
                lane.execute(r);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("{}: lane closed, dropping an IRC event", network.name());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            lastError = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            if (cause instanceof IOException) {
                log.debug("{}: {}", network.name(), cause.toString());
            } else {
                log.warn("{}: {}", network.name(), cause.toString());
                log.debug("{}: stack", network.name(), cause);
            }
            if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
                return;
            }
            ctx.close();
        }
    }
}
