package im.satellite.bench.muc;

import im.satellite.bench.ResultTable;
import im.satellite.bench.proxy.ProcessCpu;
import im.satellite.core.testkit.host.EjabberdServer;
import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End to end: {@code clients} raw XMPP connections ({@link RawClient}) to a real Prosody, then to a real ejabberd,
 * each server with four MUC services: Satellite's MUC ({@code muc.localhost}, a child JVM on the server's component
 * port), the same with XEP-0033 multicast ({@code mmuc.localhost}), the bare fan-out component ({@link BareFanOut},
 * the ceiling for a component: by default one that delivers Satellite's markup) and the server's own {@code mod_muc}
 * ({@code conference.localhost}). Every client enters room {@code i % rooms} of each service, so all are measured
 * with the same connections, one after the other in each repetition ({@link GroupchatFlood}), after a warm-up run
 * of each. The servers run without throttles: Prosody's test configuration loads no {@code mod_limits}; ejabberd's
 * c2s and component listeners have {@code shaper: none} and its {@code mod_muc} no message shaper (the default).
 */
final class EndToEndBench {
    static final String SATELLITE_MUC = "muc.localhost";
    /** A second Satellite MUC, whose groupchat fan-out goes through the server's XEP-0033 multicast service. */
    static final String SATELLITE_MULTICAST_MUC = "mmuc.localhost";
    static final String BUILTIN_MUC = "conference.localhost";
    /** {@link BareFanOut}: the ceiling for an external component, in the benchmark's own process. */
    static final String BARE_FAN_OUT = "fanout.localhost";
    static final String DELIVERED = "delivered/s";
    static final String P50 = "p50 ms";
    static final String P99 = "p99 ms";
    static final String SERVER_CPU = "server CPU µs/delivery";
    static final String COMPONENT_CPU = "component CPU µs/delivery";
    static final String DRIVER_CPU = "driver CPU %";
    private static final List<String> SERVICES = List.of(SATELLITE_MUC, SATELLITE_MULTICAST_MUC, BARE_FAN_OUT,
            BUILTIN_MUC);
    private static final Logger log = LoggerFactory.getLogger(EndToEndBench.class);
    private static final int RESOURCES_PER_ACCOUNT = 20;
    private static final String PASSWORD = "bench-password";

    private EndToEndBench() {
    }

    static String satelliteRow(String server) {
        return server + " + satellite muc";
    }

    static String multicastRow(String server) {
        return server + " + satellite muc, multicast";
    }

    static String bareRow(String server) {
        return server + " + bare fan-out component (ceiling)";
    }

    static String builtinRow(String server, boolean archiving) {
        return server + " mod_muc" + (archiving ? (server.equals("prosody") ? " + muc_mam" : " + mod_mam") : "");
    }

    static ResultTable run(Settings s, List<String> servers, int clients, int rooms, long messages, long warmup,
            int window, boolean archiving, int prosodyReadSize, boolean bareMarkup) throws Exception {
        ResultTable t = new ResultTable(String.format(Locale.ROOT, "muc: end to end, %d clients in %d rooms,"
                + " %,d groupchat messages per run after %,d not measured, %d in flight, %d runs%s, %s", clients,
                rooms, messages, warmup, window, s.repeat(),
                prosodyReadSize > 0 ? ", Prosody network_default_read_size " + prosodyReadSize : "",
                bareMarkup ? "the bare fan-out adds Satellite's occupant-id and stanza-id"
                        : "the bare fan-out sends each message as the client did"),
                List.of(DELIVERED, P50, P99, SERVER_CPU, COMPONENT_CPU, DRIVER_CPU));
        for (String kind : servers) {
            measure(s, t, kind, clients, rooms, messages, warmup, window, archiving, prosodyReadSize, bareMarkup);
        }
        for (String kind : servers) {
            for (String row : List.of(satelliteRow(kind), multicastRow(kind), bareRow(kind))) {
                for (String column : List.of(DELIVERED, P50, P99, SERVER_CPU)) {
                    t.ratio(column, row, builtinRow(kind, archiving));
                }
            }
        }
        return t;
    }

    private static void measure(Settings s, ResultTable t, String kind, int clients, int rooms, long messages,
            long warmup, int window, boolean archiving, int prosodyReadSize, boolean bareMarkup) throws Exception {
        HostServer server = s.track(HostServer.create(kind, HostServerSpec.builder()
                .component(SATELLITE_MUC, LinkedChild.SECRET).component(SATELLITE_MULTICAST_MUC, LinkedChild.SECRET)
                .component(BARE_FAN_OUT, LinkedChild.SECRET)
                .builtinMuc(BUILTIN_MUC).builtinMucArchiving(archiving).satelliteMulticast(true)
                .prosodyReadSize(prosodyReadSize).build()));
        List<AutoCloseable> opened = new ArrayList<>();
        opened.add(server);
        try {
            int accounts = (clients + RESOURCES_PER_ACCOUNT - 1) / RESOURCES_PER_ACCOUNT;
            if (kind.equals("prosody")) {
                register(server, accounts);
                server.start();
            } else {
                server.start();
                register(server, accounts);
            }
            List<Long> serverPids = serverPids(server);
            ComponentProcess muc = satellite(s, server, kind, SATELLITE_MUC, "");
            opened.add(muc);
            ComponentProcess mmuc = satellite(s, server, kind + "-multicast", SATELLITE_MULTICAST_MUC,
                    ", multicast: %s, multicast-max-addresses: 1000".formatted(
                            server.spec().multicastService(kind)));
            opened.add(mmuc);
            muc.awaitOnline();
            mmuc.awaitOnline();
            BareFanOut bare = BareFanOut.connect(server.host(), server.componentPort(BARE_FAN_OUT), BARE_FAN_OUT,
                    LinkedChild.SECRET, server.spec().multicastService(kind), bareMarkup, s.timeout());
            opened.add(bare);
            List<RawClient> cs = new ArrayList<>();
            log.info("{}: logging in {} clients and entering {} rooms on each MUC service", kind, clients, rooms);
            for (int i = 0; i < clients; i++) {
                RawClient c = RawClient.login(server.host(), server.clientPort(), server.domain(),
                        "bench" + (i / RESOURCES_PER_ACCOUNT), PASSWORD, "r" + i, s.timeout());
                cs.add(c);
                opened.add(c);
                for (String service : SERVICES) {
                    String room = "room" + (i % rooms) + "@" + service;
                    c.join(room, "n" + i);
                    if (i < rooms) {
                        c.instantRoom(room);
                    }
                }
            }
            for (String service : SERVICES) {
                String sample = cs.get(0).sampleDelivery("room0@" + service);
                log.info("{}: a delivery from {}: {}", kind, service, sample);
                if (service.equals(BARE_FAN_OUT) && bareMarkup
                        && !(sample.contains("urn:xmpp:occupant-id:0") && sample.contains("urn:xmpp:sid:0"))) {
                    throw new IllegalStateException(kind + " delivered the bare fan-out's message without the"
                            + " occupant-id and stanza-id it added: " + sample);
                }
            }
            GroupchatFlood flood = new GroupchatFlood(cs, rooms, s.timeout());
            for (String service : SERVICES) {
                if (warmup > 0) {
                    flood.run(service, warmup, window);
                }
            }
            DoubleSupplier none = () -> 0;
            for (int run = 1; run <= s.repeat(); run++) {
                record(t, satelliteRow(kind), flood, SATELLITE_MUC, messages, window, serverPids,
                        () -> ProcessCpu.seconds(List.of(muc.pid())), none);
                record(t, multicastRow(kind), flood, SATELLITE_MULTICAST_MUC, messages, window, serverPids,
                        () -> ProcessCpu.seconds(List.of(mmuc.pid())), none);
                record(t, bareRow(kind), flood, BARE_FAN_OUT, messages, window, serverPids, bare::cpuSeconds,
                        bare::cpuSeconds);
                record(t, builtinRow(kind, archiving), flood, BUILTIN_MUC, messages, window, serverPids, null,
                        none);
            }
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                AutoCloseable c = opened.get(i);
                if (c instanceof RawClient) {
                    c.close();
                } else {
                    s.release(c);
                }
            }
        }
    }

    /** A Satellite child with one MUC service on the server's component port; {@code extra} adds options. */
    private static ComponentProcess satellite(Settings s, HostServer server, String name, String domain,
            String extra) throws Exception {
        return s.track(new ComponentProcess(s.work(), "e2e-" + name, """
                server: {host: 127.0.0.1, port: %d, domain: localhost}
                link: {workers: %d}
                database: {url: "jdbc:sqlite:%s"}
                components:
                  muc: {subdomain: %s, secret: %s, limits: {message-burst: 0}%s}
                """.formatted(server.componentPort(domain), s.workers(),
                s.work().resolve("e2e-" + name + ".db"), domain, LinkedChild.SECRET, extra), s.heap(),
                s.jfr() == null ? null : s.jfr().resolve("e2e-" + name + ".jfr")));
    }

    /**
     * One run against {@code service}. {@code componentCpu} reads the CPU seconds of the component behind it (null
     * for the server's own MUC); {@code inDriver} the part of that CPU spent inside this process, which is taken out
     * of the driver's figure.
     */
    private static void record(ResultTable t, String row, GroupchatFlood flood, String service, long messages,
            int window, List<Long> pids, DoubleSupplier componentCpu, DoubleSupplier inDriver) throws Exception {
        long self = ProcessHandle.current().pid();
        double driverCpu = ProcessCpu.seconds(List.of(self)) - inDriver.getAsDouble();
        double serverCpu = ProcessCpu.seconds(pids);
        double satelliteCpu = componentCpu == null ? 0 : componentCpu.getAsDouble();
        GroupchatFlood.Result r = flood.run(service, messages, window);
        serverCpu = ProcessCpu.seconds(pids) - serverCpu;
        satelliteCpu = componentCpu == null ? 0 : componentCpu.getAsDouble() - satelliteCpu;
        driverCpu = ProcessCpu.seconds(List.of(self)) - inDriver.getAsDouble() - driverCpu;
        t.cell(row, DELIVERED).add(r.deliveries() / r.seconds());
        t.cell(row, P50).add(r.latency().getValueAtPercentile(50) / 1e6);
        t.cell(row, P99).add(r.latency().getValueAtPercentile(99) / 1e6);
        t.cell(row, SERVER_CPU).add(serverCpu * 1e6 / r.deliveries());
        if (componentCpu != null) {
            t.cell(row, COMPONENT_CPU).add(satelliteCpu * 1e6 / r.deliveries());
        }
        t.cell(row, DRIVER_CPU).add(driverCpu * 100 / r.seconds());
        log.info("{}: {} deliveries/s, p99 {} ms", row, Math.round(r.deliveries() / r.seconds()),
                r.latency().getValueAtPercentile(99) / 1e6);
    }

    private static void register(HostServer server, int accounts) {
        for (int a = 0; a < accounts; a++) {
            server.registerUser("bench" + a, PASSWORD);
        }
    }

    /** The server's long-lived processes, found by their command line (as {@code bench proxy} does). */
    private static List<Long> serverPids(HostServer server) {
        String needle = server instanceof EjabberdServer e ? "-sname " + e.nodeName()
                : server.logFile().getParent().toString();
        return ProcessCpu.pidsMentioning(needle);
    }
}
