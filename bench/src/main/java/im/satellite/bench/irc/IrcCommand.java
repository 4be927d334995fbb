package im.satellite.bench.irc;

import im.satellite.bench.ResultTable;
import im.satellite.bench.link.ComponentLinkServer;
import im.satellite.bench.link.DriverLink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench irc}: the IRC gateway against a private ngircd. The driver plays the XMPP server over XEP-0114 and the
 * gateway runs in a child JVM. Message rates and latency both ways are measured next to the same traffic between
 * plain IRC clients on the same ngircd (the limit); then many users each join several channels, and the gateway's
 * heap after GC, threads and join time are measured next to the same joins by plain IRC clients.
 */
@Command(name = "irc", mixinStandardHelpOptions = true,
        description = "IRC gateway: messages/s and latency both ways vs plain IRC clients on the same ngircd;"
                + " heap, threads and join time with many users.")
public final class IrcCommand implements Callable<Integer> {
    static final String LIMIT = "plain IRC clients on ngircd (limit)";
    static final String GATEWAY_OUT = "satellite gateway, XMPP -> IRC";
    static final String GATEWAY_IN = "satellite gateway, IRC -> XMPP";
    static final String IDLE = "satellite gateway, no users";
    static final String LOADED = "satellite gateway, all users joined";
    static final long HEAP_TARGET_MIB = 512;
    private static final Logger log = LoggerFactory.getLogger(IrcCommand.class);
    private static final String SECRET = "bench-secret";
    private static final String TEXT = "The quick brown fox jumps over the lazy dog.";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);
    private static final String RATE = "messages/s";
    private static final String DELIVERIES = "deliveries/s";
    private static final String P50 = "p50 ms";
    private static final String P99 = "p99 ms";
    private static final String JOINS = "joins shown to XMPP";
    private static final String JOINS_IRC = "joins on IRC (NAMES)";
    private static final String JOIN_TIME = "join time s";
    private static final String HEAP = "heap after GC MiB";
    private static final String THREADS = "threads";
    private static final String OVERFLOWS = "listen overflows";
    /** Connections of plain clients allowed to wait for registration at once (ngircd's backlog is 10). */
    private static final int CONNECTING = 8;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--messages", defaultValue = "20000", description = "Messages per run and direction (default ${DEFAULT-VALUE}).")
    private long messages;

    @Option(names = "--window", defaultValue = "100", description = "Messages in flight (default ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--users", defaultValue = "50", description = "XMPP users (and plain IRC clients) sending and receiving (default ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--channels", defaultValue = "5", description = "Channels they are spread over, one each; must divide --users (default ${DEFAULT-VALUE}).")
    private int channels;

    @Option(names = "--repeat", defaultValue = "3", description = "Repetitions of each measurement (default ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--scale-users", defaultValue = "1000", description = "Users of the memory test, 0 to skip it (default ${DEFAULT-VALUE}).")
    private int scaleUsers;

    @Option(names = "--scale-joins", defaultValue = "5", description = "Channels each of them joins (default ${DEFAULT-VALUE}).")
    private int scaleJoins;

    @Option(names = "--scale-channels", defaultValue = "50", description = "Channels of the memory test (default ${DEFAULT-VALUE}).")
    private int scaleChannels;

    @Option(names = "--satellite-heap", defaultValue = "1g", description = "-Xmx of the gateway process (default ${DEFAULT-VALUE}).")
    private String satelliteHeap;

    @Option(names = "--flood-burst", defaultValue = "1000", description = "The gateway's flood-burst (default ${DEFAULT-VALUE}).")
    private int floodBurst;

    @Option(names = "--flood-interval", defaultValue = "0s",
            description = "The gateway's flood-interval; 0s turns its token bucket off (default ${DEFAULT-VALUE}).")
    private String floodInterval;

    @Option(names = "--jfr", description = "Record a JFR profile of the gateway process of the message runs to this file.")
    private Path jfr;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile Flow atObservers;
    private volatile Flow atPlain;

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || window < 1 || users < 1 || channels < 1 || repeat < 1 || scaleUsers < 0
                || scaleJoins < 1 || users % channels != 0 || scaleChannels < scaleJoins) {
            throw new CommandLine.ParameterException(spec.commandLine(), "counts must be at least 1, --channels must"
                    + " divide --users, and --scale-channels must be at least --scale-joins");
        }
        String shape = String.format(Locale.ROOT, "%d messages, window %d, %d users in %d channels, %d runs",
                messages, window, users, channels, repeat);
        ResultTable out = new ResultTable("irc: XMPP -> IRC, " + shape, List.of(RATE, P50, P99));
        ResultTable in = new ResultTable("irc: IRC -> XMPP, " + shape + ", " + users / channels
                + " deliveries per message", List.of(RATE, DELIVERIES, P50, P99));
        ResultTable scale = new ResultTable(String.format(Locale.ROOT, "irc: %d users x %d channels (%d channels of"
                + " %d members), %d runs", scaleUsers, scaleJoins, scaleChannels,
                scaleUsers * scaleJoins / scaleChannels, repeat), List.of(JOINS, JOINS_IRC, JOIN_TIME, OVERFLOWS, HEAP, THREADS));
        Path work = Files.createTempDirectory("satellite-bench-irc");
        // Ctrl-C must not leave ngircd or the gateway process running.
        Thread cleanup = new Thread(this::closeAll, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Ngircd ircd = track(new Ngircd(work));
            log.info("ngircd {} on port {}", ircd.pid(), ircd.port());
            try (ComponentLinkServer server = new ComponentLinkServer(SECRET)) {
                messageRuns(work, ircd, server, out, in);
                for (int run = 1; run <= repeat && scaleUsers > 0; run++) {
                    scaleRun(work, ircd, server, run, scale);
                }
            }
        } finally {
            closeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                log.debug("already shutting down: the hook has closed everything");
            }
        }
        deleteWorkDir(work);
        PrintWriter pw = spec.commandLine().getOut();
        for (String c : List.of(RATE, P50, P99)) {
            out.ratio(c, GATEWAY_OUT, LIMIT);
        }
        for (String c : List.of(RATE, DELIVERIES, P50, P99)) {
            in.ratio(c, GATEWAY_IN, LIMIT);
        }
        out.print(pw);
        in.print(pw);
        if (scaleUsers > 0) {
            scale.ratio(JOIN_TIME, LOADED, LIMIT).ratio(HEAP, LOADED, IDLE).ratio(THREADS, LOADED, IDLE);
            scale.print(pw);
            double heap = scale.median(LOADED, HEAP);
            double perUser = (heap - scale.median(IDLE, HEAP)) * 1024 / scaleUsers;
            long expected = (long) scaleUsers * scaleJoins;
            boolean allJoined = scale.median(LOADED, JOINS) == expected && scale.median(LOADED, JOINS_IRC) == expected;
            pw.printf(Locale.ROOT, "%n  heap after GC with %d users x %d channels: %.0f MiB, %.0f KiB per user;"
                    + " all %d joins %s; target under %d MiB with all joins: %s%n"
                    + "  (-Xmx%s; System.gc() then MemoryMXBean in the gateway process)%n",
                    scaleUsers, scaleJoins, heap, perUser, expected, allJoined ? "succeeded" : "did NOT succeed",
                    HEAP_TARGET_MIB, heap < HEAP_TARGET_MIB && allJoined ? "met" : "missed", satelliteHeap);
        }
        pw.printf(Locale.ROOT, "  the gateway's flood control in this run: flood-burst %d, flood-interval %s%n",
                floodBurst, floodInterval);
        pw.flush();
        return 0;
    }

    /** Sets up users, plain clients and observers once, then runs the four flows per repetition. */
    private void messageRuns(Path work, Ngircd ircd, ComponentLinkServer server, ResultTable out, ResultTable in)
            throws Exception {
        int perChannel = users / channels;
        GatewayProcess gateway = track(new GatewayProcess(work, "gateway", server.port(), SECRET, ircd.port(),
                satelliteHeap, floodBurst, floodInterval, jfr));
        DriverLink link = track(server.accept(TIMEOUT));
        gateway.awaitOnline();
        XmppSide xmpp = new XmppSide(link);
        List<IrcClient> observers = new ArrayList<>();
        List<IrcClient> plain = new ArrayList<>();
        List<CompletableFuture<List<String>>> joined = new ArrayList<>();
        for (int k = 0; k < channels; k++) {
            IrcClient o = track(new IrcClient(ircd.port(), "ob" + k, counting('x', () -> atObservers)));
            o.awaitRegistered(TIMEOUT);
            joined.addAll(o.join(List.of("#g" + k, "#d" + k)));
            observers.add(o);
        }
        for (int i = 0; i < users; i++) {
            IrcClient p = track(new IrcClient(ircd.port(), "pl" + i, counting('i', () -> atPlain)));
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
        if (awaitJoins(xmpp, users) < users) {
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
            release(c);
        }
        for (IrcClient c : plain) {
            release(c);
        }
        release(gateway);
        release(link);
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
    private static Consumer<String> counting(char prefix, java.util.function.Supplier<Flow> flow) {
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

    /**
     * Waits until {@code n} joins have been answered, by the room (its subject) or by an error, or until nothing
     * changes for the join timeout; returns the rooms shown.
     */
    private static long awaitJoins(XmppSide xmpp, long n) throws Exception {
        long last = -1;
        long lastProgress = System.nanoTime();
        while (xmpp.subjects() + xmpp.errors() < n) {
            long now = xmpp.subjects() + xmpp.errors();
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > JOIN_TIMEOUT.toNanos()) {
                log.warn("joins stalled at {} of {}", now, n);
                break;
            }
            Thread.sleep(5);
        }
        if (xmpp.errors() > 0) {
            log.warn("the gateway refused {} joins ({} of {} shown); the first: {}", xmpp.errors(), xmpp.subjects(),
                    n, xmpp.firstErrors());
        }
        return xmpp.subjects();
    }

    /**
     * One memory run: {@code scaleUsers} plain IRC clients join {@code scaleJoins} channels each (the limit for the
     * join time), leave; then a fresh gateway process is measured idle, the same number of XMPP users join as many
     * rooms through it, and it is measured again.
     */
    private void scaleRun(Path work, Ngircd ircd, ComponentLinkServer server, int run, ResultTable t)
            throws Exception {
        // The limit: the same joins by plain IRC clients, each sending its JOINs once registered (as the gateway
        // does), with at most CONNECTING connections waiting for registration, so that ngircd's accept queue
        // (a backlog of 10) does not overflow.
        List<IrcClient> clients = new ArrayList<>();
        List<CompletableFuture<List<String>>> joins = new ArrayList<>();
        long overflows = ListenOverflows.now();
        long start = System.nanoTime();
        for (int i = 0; i < scaleUsers + CONNECTING; i++) {
            int ready = i - CONNECTING;
            if (ready >= 0) {
                clients.get(ready).awaitRegistered(JOIN_TIMEOUT);
                joins.addAll(clients.get(ready).join(channelsOf(ready, "#q" + run + "c")));
            }
            if (i < scaleUsers) {
                clients.add(track(new IrcClient(ircd.port(), "q" + run + "n" + i, null)));
            }
        }
        long ok = 0;
        for (CompletableFuture<List<String>> f : joins) {
            try {
                f.get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                ok++;
            } catch (Exception e) {
                log.warn("a plain IRC join failed: {}", e.toString());
            }
        }
        t.cell(LIMIT, JOIN_TIME).add((System.nanoTime() - start) / 1e9);
        t.cell(LIMIT, JOINS).add(ok);
        t.cell(LIMIT, OVERFLOWS).add(ListenOverflows.now() - overflows);
        log.info("plain IRC clients: {} of {} joins in {} s", ok, joins.size(), (System.nanoTime() - start) / 1e9);
        for (IrcClient c : clients) {
            release(c);
        }
        // The gateway, fresh.
        GatewayProcess gateway = track(new GatewayProcess(work, "gateway-scale" + run, server.port(), SECRET,
                ircd.port(), satelliteHeap, floodBurst, floodInterval, null));
        DriverLink link = track(server.accept(TIMEOUT));
        gateway.awaitOnline();
        XmppSide xmpp = new XmppSide(link);
        GatewayProcess.Stats idle = gateway.stats();
        t.cell(IDLE, HEAP).add(idle.heap() / 1048576.0);
        t.cell(IDLE, THREADS).add(idle.threads());
        String prefix = "s" + run + "n";
        overflows = ListenOverflows.now();
        start = System.nanoTime();
        for (int i = 0; i < scaleUsers; i++) {
            for (String ch : channelsOf(i, "#s" + run + "c")) {
                xmpp.join(prefix + i, ch, prefix + i);
            }
        }
        xmpp.flush();
        long expected = (long) scaleUsers * scaleJoins;
        long shown = awaitJoins(xmpp, expected);
        t.cell(LOADED, JOIN_TIME).add((System.nanoTime() - start) / 1e9);
        t.cell(LOADED, JOINS).add(shown);
        t.cell(LOADED, OVERFLOWS).add(ListenOverflows.now() - overflows);
        GatewayProcess.Stats loaded = gateway.stats();
        t.cell(LOADED, HEAP).add(loaded.heap() / 1048576.0);
        t.cell(LOADED, THREADS).add(loaded.threads());
        // What ngircd says: every gateway user in each of its channels.
        try (IrcClient check = new IrcClient(ircd.port(), "chk" + run, null)) {
            check.awaitRegistered(TIMEOUT);
            long onIrc = 0;
            for (int k = 0; k < scaleChannels; k++) {
                onIrc += check.names("#s" + run + "c" + k, TIMEOUT).stream().filter(n -> n.startsWith(prefix)).count();
            }
            t.cell(LOADED, JOINS_IRC).add(onIrc);
        }
        log.info("gateway: {} of {} joins shown in {} s; heap after GC {} MiB (idle {}), {} threads (idle {})",
                shown, expected, (System.nanoTime() - start) / 1e9, loaded.heap() >> 20, idle.heap() >> 20,
                loaded.threads(), idle.threads());
        release(gateway);
        release(link);
    }

    /** The {@code scaleJoins} distinct channels of user {@code i}, spread evenly over {@code scaleChannels}. */
    private List<String> channelsOf(int i, String prefix) {
        List<String> l = new ArrayList<>();
        for (int j = 0; j < scaleJoins; j++) {
            l.add(prefix + (i + j * (scaleChannels / scaleJoins)) % scaleChannels);
        }
        return l;
    }

    private static void deleteWorkDir(Path work) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        synchronized (resources) {
            resources.add(resource);
        }
        return resource;
    }

    /** Closes one resource now. */
    private void release(AutoCloseable resource) {
        synchronized (resources) {
            resources.remove(resource);
        }
        closeQuietly(resource);
    }

    /** Closes what was started, newest first; safe to call twice and from the shutdown hook. */
    private void closeAll() {
        synchronized (resources) {
            for (int i = resources.size() - 1; i >= 0; i--) {
                closeQuietly(resources.get(i));
            }
            resources.clear();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", c, e.toString());
        }
    }
}
