package im.satellite.bench.irc;

import static im.satellite.bench.irc.IrcCommand.DELIVERIES;
import static im.satellite.bench.irc.IrcCommand.GATEWAY_IN;
import static im.satellite.bench.irc.IrcCommand.GATEWAY_OUT;
import static im.satellite.bench.irc.IrcCommand.LIMIT;
import static im.satellite.bench.irc.IrcCommand.P50;
import static im.satellite.bench.irc.IrcCommand.P99;
import static im.satellite.bench.irc.IrcCommand.RATE;
import static im.satellite.bench.irc.Rig.TIMEOUT;

import im.satellite.bench.ResultTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message-rate part of {@code bench irc}: XMPP users joined through one gateway process, plain IRC clients in
 * channels of the same shape, and an observer per channel index; then, per repetition, the four windowed flows
 * (XMPP -> IRC and IRC -> XMPP, each through the gateway and between plain clients).
 */
final class MessageRuns {
    private static final Logger log = LoggerFactory.getLogger(MessageRuns.class);
    private static final String TEXT = "The quick brown fox jumps over the lazy dog.";
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);
    private final Rig rig;
    private final long messages;
    private final int window;
    private final int users;
    private final int channels;
    private volatile Flow atObservers;
    private volatile Flow atPlain;

    MessageRuns(Rig rig, long messages, int window, int users, int channels) {
        this.rig = rig;
        this.messages = messages;
        this.window = window;
        this.users = users;
        this.channels = channels;
    }

    /** Sets up users, plain clients and observers once, then runs the four flows per repetition. */
    void run(ResultTable out, ResultTable in, int repeat, Path jfr) throws Exception {
        int perChannel = users / channels;
        Rig.Gateway gateway = rig.startGateway("gateway", jfr);
        XmppSide xmpp = gateway.xmpp();
        List<IrcClient> observers = new ArrayList<>();
        List<IrcClient> plain = new ArrayList<>();
        List<CompletableFuture<List<String>>> joined = new ArrayList<>();
        for (int k = 0; k < channels; k++) {
            IrcClient o = rig.client("ob" + k, counting('x', () -> atObservers));
            o.awaitRegistered(TIMEOUT);
            joined.addAll(o.join(List.of("#g" + k, "#d" + k)));
            observers.add(o);
        }
        for (int i = 0; i < users; i++) {
            IrcClient p = rig.client("pl" + i, counting('i', () -> atPlain));
            p.awaitRegistered(TIMEOUT);
            joined.addAll(p.join(List.of("#d" + (i % channels))));
            plain.add(p);
        }
        for (CompletableFuture<List<String>> f : joined) {
            f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < users; i++) {
            xmpp.join("t" + i, "#g" + (i % channels), "gw" + i);
        }
        xmpp.flush();
        if (xmpp.awaitJoins(users, JOIN_TIMEOUT) < users) {
            throw new IOException("the gateway did not show every user their room; see the log above");
        }
        log.info("{} XMPP users, {} plain IRC clients and {} observers in {} channels", users, users, channels,
                channels);
        long warmup = Math.max(1, messages / 5);
        gatewayOut(xmpp, warmup);
        plainOut(plain, warmup);
        gatewayIn(xmpp, observers, perChannel, warmup);
        plainIn(observers, perChannel, warmup);
        for (int run = 1; run <= repeat; run++) {
            record(out, LIMIT, plainOut(plain, messages), false);
            record(out, GATEWAY_OUT, gatewayOut(xmpp, messages), false);
            record(in, LIMIT, plainIn(observers, perChannel, messages), true);
            record(in, GATEWAY_IN, gatewayIn(xmpp, observers, perChannel, messages), true);
        }
        for (IrcClient c : observers) {
            rig.release(c);
        }
        for (IrcClient c : plain) {
            rig.release(c);
        }
        rig.stop(gateway);
    }

    private static void record(ResultTable t, String row, Flow.Result r, boolean deliveries) {
        t.cell(row, RATE).add(r.sentPerSecond());
        if (deliveries) {
            t.cell(row, DELIVERIES).add(r.receivedPerSecond());
        }
        t.cell(row, P50).add(r.latencyMicros(50) / 1000);
        t.cell(row, P99).add(r.latencyMicros(99) / 1000);
        log.info("{}: {} messages/s, {} copies/s, p50 {} ms, p99 {} ms", row, Math.round(r.sentPerSecond()),
                Math.round(r.receivedPerSecond()), r.latencyMicros(50) / 1000, r.latencyMicros(99) / 1000);
    }

    /** Groupchat from the XMPP users through the gateway; the observer in each channel counts the PRIVMSGs. */
    private Flow.Result gatewayOut(XmppSide xmpp, long count) throws Exception {
        Flow flow = new Flow(count, window, 1, TIMEOUT);
        atObservers = flow;
        try {
            for (long s = 0; s < count; s++) {
                int u = (int) (s % users);
                flow.beforeSend(s, xmpp::flush);
                xmpp.groupchat("t" + u, "#g" + (u % channels), s, TEXT);
            }
            xmpp.flush();
            return flow.await();
        } finally {
            atObservers = null;
            settle(xmpp);
        }
    }

    /** The same from plain IRC clients, straight to ngircd. */
    private Flow.Result plainOut(List<IrcClient> plain, long count) throws Exception {
        Flow flow = new Flow(count, window, 1, TIMEOUT);
        atObservers = flow;
        try {
            for (long s = 0; s < count; s++) {
                int u = (int) (s % users);
                flow.beforeSend(s, () -> flushAll(plain));
                plain.get(u).send("PRIVMSG #d" + (u % channels) + " :x" + s + " " + TEXT);
            }
            flushAll(plain);
            return flow.await();
        } finally {
            atObservers = null;
        }
    }

    /** An IRC client (the observer) talks in each gateway channel; the driver counts the users' groupchat copies. */
    private Flow.Result gatewayIn(XmppSide xmpp, List<IrcClient> observers, int copies, long count) throws Exception {
        Flow flow = new Flow(count, window, copies, TIMEOUT);
        xmpp.onBody(flow::arrived);
        try {
            for (long s = 0; s < count; s++) {
                int k = (int) (s % channels);
                flow.beforeSend(s, () -> flushAll(observers));
                observers.get(k).send("PRIVMSG #g" + k + " :i" + s + " " + TEXT);
            }
            flushAll(observers);
            return flow.await();
        } finally {
            xmpp.onBody(null);
            settle(xmpp);
        }
    }

    /** The same into the plain clients' channels; the plain clients count. */
    private Flow.Result plainIn(List<IrcClient> observers, int copies, long count) throws Exception {
        Flow flow = new Flow(count, window, copies, TIMEOUT);
        atPlain = flow;
        try {
            for (long s = 0; s < count; s++) {
                int k = (int) (s % channels);
                flow.beforeSend(s, () -> flushAll(observers));
                observers.get(k).send("PRIVMSG #d" + k + " :i" + s + " " + TEXT);
            }
            flushAll(observers);
            return flow.await();
        } finally {
            atPlain = null;
        }
    }

    /** A PRIVMSG handler that hands {@code <prefix><seq> ...} texts to the flow in force. */
    private static Consumer<String> counting(char prefix, Supplier<Flow> flow) {
        return text -> {
            Flow f = flow.get();
            if (f != null && !text.isEmpty() && text.charAt(0) == prefix) {
                long seq = 0;
                for (int i = 1; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
                    seq = seq * 10 + (text.charAt(i) - '0');
                }
                f.arrived(seq);
            }
        };
    }

    private static void flushAll(List<IrcClient> clients) throws IOException {
        for (IrcClient c : clients) {
            c.flush();
        }
    }

    /** Waits until the gateway has stopped sending (the copies other users get after a flow). */
    private static void settle(XmppSide xmpp) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 300 && xmpp.stanzas() != last; i++) {
            last = xmpp.stanzas();
            Thread.sleep(200);
        }
    }
}
