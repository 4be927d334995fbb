package im.satellite.bench.proxy;

import im.satellite.bench.ResultTable;
import im.satellite.bench.Resources;
import im.satellite.bench.WorkDir;
import im.satellite.core.testkit.host.EjabberdServer;
import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerSpec;
import im.satellite.core.testkit.host.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench proxy}: XEP-0065 relay throughput of Satellite's file proxy (a child JVM attached to Prosody),
 * Prosody's and ejabberd's {@code mod_proxy65}, next to raw loopback TCP, for one transfer and for many
 * concurrent transfers of the same total size, each repeated; plus the CPU time each proxy process spent per GiB
 * and the peak heap of the Satellite process.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Relay throughput: raw loopback vs Satellite's file proxy vs Prosody's and ejabberd's mod_proxy65.")
public final class ProxyCommand implements Callable<Integer> {
    static final String SATELLITE = "satellite file-proxy";
    static final String PROSODY = "prosody mod_proxy65";
    static final String EJABBERD = "ejabberd mod_proxy65";
    private static final Logger log = LoggerFactory.getLogger(ProxyCommand.class);
    private static final String MBPS = "MB/s";
    private static final String HEAP = "peak heap MiB";
    private static final String DIRECT = "peak direct MiB";
    private static final String CPU = "CPU s/GiB";
    private static final String SECRET = "bench-secret";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--size-mib", defaultValue = "1024", description = "Total bytes per measurement, MiB (default ${DEFAULT-VALUE}).")
    private long sizeMib;

    @Option(names = "--transfers", defaultValue = "50", description = "Concurrent transfers sharing the total (default ${DEFAULT-VALUE}).")
    private int transfers;

    @Option(names = "--repeat", defaultValue = "3", description = "Repetitions of each measurement (default ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--contenders", split = ",", defaultValue = "raw,satellite,prosody,ejabberd",
            description = "Which of raw, satellite, prosody, ejabberd to run (default ${DEFAULT-VALUE}).")
    private List<String> contenders;

    @Option(names = "--warmup-mib", defaultValue = "128",
            description = "An unrecorded transfer per contender before the runs, MiB; 0 for none (default ${DEFAULT-VALUE}).")
    private long warmupMib;

    @Option(names = "--satellite-heap", defaultValue = "256m", description = "-Xmx of the Satellite process (default ${DEFAULT-VALUE}).")
    private String satelliteHeap;

    @Option(names = "--satellite-option", description = "Extra file-proxy option as YAML, e.g. 'socks-threads: 1' (repeatable).")
    private List<String> satelliteOptions = List.of();

    @Option(names = "--variant-option", description = "Adds a second Satellite process with this extra file-proxy"
            + " option (repeatable), measured as its own row in the same run: an A/B test of a setting.")
    private List<String> variantOptions = List.of();

    @Option(names = "--jfr", description = "Record a JFR profile of the Satellite process to this file.")
    private Path jfr;

    @Override
    public Integer call() throws Exception {
        if (sizeMib < 1 || transfers < 1 || repeat < 1 || warmupMib < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--size-mib, --transfers and --repeat must be at least 1, --warmup-mib at least 0");
        }
        long total = sizeMib << 20;
        ResultTable single = new ResultTable(String.format(Locale.ROOT,
                "proxy: 1 transfer of %d MiB, %d runs", sizeMib, repeat), List.of(MBPS, CPU, HEAP, DIRECT));
        ResultTable many = new ResultTable(String.format(Locale.ROOT,
                "proxy: %d concurrent transfers, %d MiB in total, %d runs", transfers, sizeMib, repeat),
                List.of(MBPS, CPU, HEAP, DIRECT));
        Path work = Files.createTempDirectory("satellite-bench-proxy");
        // Ctrl-C must not leave Prosody, ejabberd or the Satellite process running.
        Resources resources = Resources.closedOnExit();
        try {
            List<Contender> all = start(work, resources);
            for (Contender c : all) {
                if (warmupMib > 0) {
                    List<TransferPair> pairs = c.open(1, "warmup");
                    try {
                        Transfers.run(pairs, warmupMib << 20);
                    } finally {
                        for (TransferPair p : pairs) {
                            p.close();
                        }
                    }
                }
            }
            for (int run = 1; run <= repeat; run++) {
                for (Contender c : all) {
                    measure(c, 1, total, "r" + run + "s", single);
                    measure(c, transfers, total / transfers, "r" + run + "m", many);
                }
            }
        } finally {
            resources.close();
        }
        WorkDir.delete(work);
        for (ResultTable t : List.of(single, many)) {
            for (String peer : List.of(RawLoopback.NAME, EJABBERD, PROSODY)) {
                t.ratio(MBPS, SATELLITE, peer);
            }
            t.ratio(MBPS, EJABBERD, RawLoopback.NAME).ratio(MBPS, PROSODY, RawLoopback.NAME);
            t.ratio(CPU, SATELLITE, EJABBERD).ratio(CPU, SATELLITE, PROSODY);
            if (!variantOptions.isEmpty()) {
                t.ratio(MBPS, variantName(), RawLoopback.NAME).ratio(MBPS, variantName(), EJABBERD)
                        .ratio(MBPS, variantName(), SATELLITE);
            }
            t.print(spec.commandLine().getOut());
        }
        double flat = many.median(SATELLITE, HEAP) / single.median(SATELLITE, HEAP);
        spec.commandLine().getOut().printf(Locale.ROOT, "%n  Satellite peak heap, %d transfers / 1 transfer = %s"
                + " (heap used sampled every 10 ms by MemoryMXBean in the child JVM, -Xmx%s; direct = Netty's pool)%n",
                transfers, Double.isNaN(flat) ? "-" : String.format(Locale.ROOT, "%.2fx", flat), satelliteHeap);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private List<Contender> start(Path work, Resources resources) throws Exception {
        List<Contender> all = new ArrayList<>();
        if (contenders.contains("raw")) {
            all.add(resources.track(new RawLoopback()));
        }
        boolean satellite = contenders.contains("satellite");
        if (satellite || contenders.contains("prosody")) {
            HostServerSpec.Builder spec = HostServerSpec.builder().component("proxy.localhost", SECRET)
                    .builtinProxy65("proxy65.localhost", 0);
            if (!variantOptions.isEmpty()) {
                spec.component("proxy2.localhost", SECRET);
            }
            HostServer prosody = resources.track(HostServer.create("prosody", spec.build()));
            prosody.start();
            XMPPTCPConnection requester = TestClients.connectNewUser(prosody, "sender");
            AutoCloseable disconnect = requester::disconnect;
            resources.track(disconnect);
            if (satellite) {
                all.add(satellite(work, resources, prosody, requester, SATELLITE, "proxy.localhost",
                        satelliteOptions, jfr));
                if (!variantOptions.isEmpty()) {
                    all.add(satellite(work, resources, prosody, requester,
                            variantName(), "proxy2.localhost",
                            variantOptions, null));
                }
            }
            if (contenders.contains("prosody")) {
                all.add(new Socks5Proxy(PROSODY, "127.0.0.1", prosody.builtinProxy65Port(), "proxy65.localhost",
                        requester, "receiver@localhost/bench", serverPids(prosody)));
            }
        }
        if (contenders.contains("ejabberd")) {
            HostServer ejabberd = resources.track(HostServer.create("ejabberd", HostServerSpec.builder()
                    .builtinProxy65("proxy65.localhost", 0).build()));
            ejabberd.start();
            XMPPTCPConnection requester = TestClients.connectNewUser(ejabberd, "sender");
            AutoCloseable disconnect = requester::disconnect;
            resources.track(disconnect);
            all.add(new Socks5Proxy(EJABBERD, "127.0.0.1", ejabberd.builtinProxy65Port(), "proxy65.localhost",
                    requester, "receiver@localhost/bench", serverPids(ejabberd)));
        }
        return all;
    }

    /** The server's long-lived processes, found by their command line. */
    private static List<Long> serverPids(HostServer server) {
        // ejabberd's VM is named by its Erlang node; Prosody's command line names its configuration file.
        String needle = server instanceof EjabberdServer e ? "-sname " + e.nodeName()
                : server.logFile().getParent().toString();
        List<Long> pids = ProcessCpu.pidsMentioning(needle);
        log.info("{} processes for CPU accounting: {}", server.kind(), pids);
        return pids;
    }

    private String variantName() {
        return SATELLITE + " [" + String.join(", ", variantOptions) + "]";
    }

    private Contender satellite(Path work, Resources resources, HostServer prosody,
            XMPPTCPConnection requester, String name, String subdomain, List<String> options, Path jfrFile)
            throws Exception {
        SatelliteProxyProcess child = resources.track(new SatelliteProxyProcess(work,
                prosody.componentPort(subdomain), subdomain, SECRET, satelliteHeap, jfrFile, options));
        log.info("{}: process {} on SOCKS5 port {}", name, child.pid(), child.socksPort());
        return new SatelliteContender(child, new Socks5Proxy(name, "127.0.0.1", child.socksPort(), subdomain,
                requester, "receiver@localhost/bench", List.of(child.pid())));
    }

    private void measure(Contender c, int count, long bytesEach, String tag, ResultTable table) throws Exception {
        List<TransferPair> pairs = c.open(count, tag);
        try {
            SatelliteProxyProcess child = c instanceof SatelliteContender s ? s.process() : null;
            if (child != null) {
                child.resetPeaks();
            }
            double cpuBefore = ProcessCpu.seconds(c.pids());
            double mbps = Transfers.run(pairs, bytesEach);
            table.cell(c.name(), MBPS).add(mbps);
            if (!c.pids().isEmpty()) {
                double gib = (double) bytesEach * count / (1L << 30);
                table.cell(c.name(), CPU).add((ProcessCpu.seconds(c.pids()) - cpuBefore) / gib);
            }
            if (child != null) {
                SatelliteProxyProcess.Peaks p = child.peaks();
                table.cell(c.name(), HEAP).add(p.heap() / 1048576.0);
                table.cell(c.name(), DIRECT).add(p.direct() / 1048576.0);
            }
            log.info("{} x{} ({}): {} MB/s", c.name(), count, tag, Math.round(mbps));
        } finally {
            for (TransferPair p : pairs) {
                p.close();
            }
        }
    }


    /** Satellite's proxy: a SOCKS5 contender whose process the command can ask for heap peaks. */
    private record SatelliteContender(SatelliteProxyProcess process, Socks5Proxy socks) implements Contender {
        @Override
        public String name() {
            return socks.name();
        }

        @Override
        public List<TransferPair> open(int count, String tag) throws Exception {
            return socks.open(count, tag);
        }

        @Override
        public List<Long> pids() {
            return socks.pids();
        }

        @Override
        public void close() {
            // The process is closed by the command.
        }
    }
}
