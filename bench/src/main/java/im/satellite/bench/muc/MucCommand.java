package im.satellite.bench.muc;

import im.satellite.bench.ResultTable;
import im.satellite.bench.Resources;
import im.satellite.bench.WorkDir;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench muc}: Satellite's MUC, component only (the load driver plays the host server over XEP-0114, with
 * the echo component as the protocol's limit) and end to end (raw XMPP clients through Prosody and ejabberd, each
 * with its own {@code mod_muc} next to Satellite's MUC on the same server). Each part prints its table.
 */
@Command(name = "muc", mixinStandardHelpOptions = true,
        description = "MUC: fan-out, join latency, idle heap, start-up (component only); end to end vs mod_muc.")
public final class MucCommand implements Callable<Integer> {
    static final List<String> PARTS = List.of("fanout", "join", "heap", "startup", "e2e");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--parts", split = ",", defaultValue = "fanout,join,heap,startup,e2e",
            description = "Which of fanout, join, heap, startup, e2e to run (default ${DEFAULT-VALUE}).")
    private List<String> parts;

    @Option(names = "--repeat", defaultValue = "3", description = "Repetitions of each measurement (default ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--sizes", split = ",", defaultValue = "10,100,1000,10000",
            description = "Fan-out: room sizes, occupants (default ${DEFAULT-VALUE}).")
    private List<Integer> sizes;

    @Option(names = "--stanzas", defaultValue = "1000000",
            description = "Fan-out: stanzas out per run and room size (default ${DEFAULT-VALUE}).")
    private long stanzas;

    @Option(names = "--outstanding", defaultValue = "100000",
            description = "Fan-out: most stanzas out in flight; messages in flight = this / occupants, 1 to 1000"
                    + " (default ${DEFAULT-VALUE}).")
    private int outstanding;

    @Option(names = "--joins", defaultValue = "1000", description = "Join latency: joins per run (default ${DEFAULT-VALUE}).")
    private int joins;

    @Option(names = "--join-window", defaultValue = "20",
            description = "Join latency: groupchat messages in flight in the 100-occupant room (default ${DEFAULT-VALUE}).")
    private int joinWindow;

    @Option(names = "--idle-rooms", defaultValue = "10000", description = "Heap: idle rooms (default ${DEFAULT-VALUE}).")
    private int idleRooms;

    @Option(names = "--idle-occupants", defaultValue = "10",
            description = "Heap: occupants per idle room (default ${DEFAULT-VALUE}).")
    private int idleOccupants;

    @Option(names = "--stored-rooms", defaultValue = "100000",
            description = "Start-up: persistent rooms in the database (default ${DEFAULT-VALUE}).")
    private int storedRooms;

    @Option(names = "--clients", defaultValue = "200", description = "End to end: client connections (default ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--rooms", defaultValue = "10", description = "End to end: rooms they share (default ${DEFAULT-VALUE}).")
    private int rooms;

    @Option(names = "--messages", defaultValue = "20000",
            description = "End to end: groupchat messages per run (default ${DEFAULT-VALUE}).")
    private long messages;

    @Option(names = "--e2e-warmup", defaultValue = "-1",
            description = "End to end: groupchat messages each service gets first, not measured, so that the JVM's"
                    + " compiler has optimised Satellite's per-message code (C2 compiles a method after about 15,000"
                    + " calls) and the servers have settled; default: as many as --messages.")
    private long e2eWarmup;

    @Option(names = "--e2e-window", defaultValue = "200",
            description = "End to end: messages in flight (default ${DEFAULT-VALUE}).")
    private int e2eWindow;

    @Option(names = "--servers", split = ",", defaultValue = "prosody,ejabberd",
            description = "End to end: host servers (default ${DEFAULT-VALUE}).")
    private List<String> servers;

    @Option(names = "--builtin-archiving", defaultValue = "false", arity = "1",
            description = "End to end: the built-in mod_muc archives its rooms (XEP-0313) and stamps stanza-ids, as"
                    + " Satellite's MUC does by default: Prosody's muc_mam, ejabberd's mod_mam. Off by default: the"
                    + " plain mod_muc is the stricter comparison, and ejabberd's mod_mam on mnesia slows down as its"
                    + " archive grows (default ${DEFAULT-VALUE}).")
    private boolean builtinArchiving;

    @Option(names = "--bare-markup", defaultValue = "true", arity = "1",
            description = "End to end: the bare fan-out component adds to each message what Satellite's MUC adds (an"
                    + " XEP-0421 occupant-id and an XEP-0359 stanza-id), so that its row is the ceiling for a"
                    + " component delivering what Satellite delivers; false: each message as the client sent it, the"
                    + " ceiling for any component (default ${DEFAULT-VALUE}).")
    private boolean bareMarkup;

    @Option(names = "--prosody-read-size", defaultValue = "262144",
            description = "End to end: Prosody's network_default_read_size in bytes (one read from a client or"
                    + " component connection), for both MUCs alike, as conf/prosody/satellite.cfg.lua recommends;"
                    + " 0 keeps Prosody's default, 4096 (default ${DEFAULT-VALUE}).")
    private int prosodyReadSize;

    @Option(names = "--workers", defaultValue = "4", description = "Satellite's lane workers (default ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--satellite-heap", defaultValue = "1g", description = "-Xmx of the Satellite process (default ${DEFAULT-VALUE}).")
    private String satelliteHeap;

    @Option(names = "--jfr", description = "Record a JFR profile (settings=profile) of each Satellite process into"
            + " this directory, one file per process, named after it (e.g. fanout-muc.jfr).")
    private Path jfr;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || stanzas < 1 || outstanding < 1 || joins < 1 || joinWindow < 1 || idleRooms < 1
                || idleOccupants < 1 || storedRooms < 1 || clients < 2 || rooms < 1 || clients < rooms * 2
                || messages < 1 || prosodyReadSize < 0 || e2eWindow < 1 || workers < 1 || sizes.stream().anyMatch(n -> n < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "every count must be at least 1, and there must be at least 2 clients per room");
        }
        for (String p : parts) {
            if (!PARTS.contains(p)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown part " + p + "; known: " + PARTS);
            }
        }
        Path work = Files.createTempDirectory("satellite-bench-muc");
        // Ctrl-C must not leave Prosody, ejabberd or a Satellite process running.
        Resources resources = Resources.closedOnExit();
        PrintWriter out = spec.commandLine().getOut();
        if (jfr != null) {
            Files.createDirectories(jfr);
        }
        Settings s = new Settings(work, repeat, workers, satelliteHeap, jfr, Duration.ofSeconds(30), resources);
        try {
            List<ResultTable> tables = new ArrayList<>();
            if (parts.contains("fanout")) {
                tables.add(FanOutBench.run(s, sizes, stanzas, outstanding));
                tables.get(tables.size() - 1).print(out);
            }
            if (parts.contains("join")) {
                tables.add(JoinBench.run(s, joins, joinWindow));
                tables.get(tables.size() - 1).print(out);
            }
            if (parts.contains("heap")) {
                tables.add(IdleHeapBench.run(s, idleRooms, idleOccupants));
                tables.get(tables.size() - 1).print(out);
            }
            if (parts.contains("startup")) {
                tables.add(StartupBench.run(s, storedRooms));
                tables.get(tables.size() - 1).print(out);
            }
            if (parts.contains("e2e")) {
                tables.add(EndToEndBench.run(s, servers, clients, rooms, messages,
                        e2eWarmup < 0 ? messages : e2eWarmup, e2eWindow, builtinArchiving, prosodyReadSize,
                        bareMarkup));
                tables.get(tables.size() - 1).print(out);
            }
        } finally {
            resources.close();
        }
        WorkDir.delete(work);
        return 0;
    }
}
