package im.satellite.bench.irc;

import im.satellite.bench.ResultTable;
import im.satellite.bench.WorkDir;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
    static final String RATE = "messages/s";
    static final String DELIVERIES = "deliveries/s";
    static final String P50 = "p50 ms";
    static final String P99 = "p99 ms";
    static final String JOINS = "joins shown to XMPP";
    static final String JOINS_IRC = "joins on IRC (NAMES)";
    static final String JOIN_TIME = "join time s";
    static final String HEAP = "heap after GC MiB";
    static final String THREADS = "threads";
    static final String OVERFLOWS = "listen overflows";

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
        Rig rig = new Rig(work, satelliteHeap, floodBurst, floodInterval);
        try {
            rig.start();
            new MessageRuns(rig, messages, window, users, channels).run(out, in, repeat, jfr);
            ScaleRun scaleRun = new ScaleRun(rig, scaleUsers, scaleJoins, scaleChannels);
            for (int run = 1; run <= repeat && scaleUsers > 0; run++) {
                scaleRun.run(run, scale);
            }
        } finally {
            rig.close();
        }
        WorkDir.delete(work);
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
            double largest = scale.cell(LOADED, HEAP).max();
            double perUser = (heap - scale.median(IDLE, HEAP)) * 1024 / scaleUsers;
            long expected = (long) scaleUsers * scaleJoins;
            boolean allJoined = scale.cell(LOADED, JOINS).min() == expected
                    && scale.cell(LOADED, JOINS_IRC).min() == expected;
            pw.printf(Locale.ROOT, "%n  heap after GC with %d users x %d channels: %.0f MiB (largest %.0f), %.0f KiB per"
                    + " user; all %d joins %s; target under %d MiB with all joins: %s%n"
                    + "  (-Xmx%s; System.gc() then MemoryMXBean in the gateway process)%n",
                    scaleUsers, scaleJoins, heap, largest, perUser, expected,
                    allJoined ? "succeeded in every run" : "did NOT succeed in every run", HEAP_TARGET_MIB,
                    largest < HEAP_TARGET_MIB && allJoined ? "met" : "missed", satelliteHeap);
        }
        pw.printf(Locale.ROOT, "  the gateway's flood control in this run: flood-burst %d, flood-interval %s%n",
                floodBurst, floodInterval);
        pw.flush();
        return 0;
    }
}
