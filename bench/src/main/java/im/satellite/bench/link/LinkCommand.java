package im.satellite.bench.link;

import im.satellite.bench.ResultTable;
import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.testkit.EchoServiceFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench link}: the protocol-cost baseline. The load driver plays the XMPP server's side of XEP-0114;
 * Satellite's runtime with the trivial echo service (in this JVM) connects to it, and so does a byte echo that
 * only copies bytes back (the socket limit). Each run measures a windowed flood (stanzas per second each way,
 * latency under load) and a ping-pong (unloaded round trip).
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Protocol cost: stanzas/s and round trips of the echo component vs a byte echo, over XEP-0114.")
public final class LinkCommand implements Callable<Integer> {
    static final String BYTE_ECHO = "byte echo (socket limit)";
    static final String SATELLITE = "satellite echo component";
    private static final Logger log = LoggerFactory.getLogger(LinkCommand.class);
    private static final String SECRET = "bench-secret";
    private static final String DOMAIN = "echo.localhost";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--stanzas", defaultValue = "1000000", description = "Stanzas per flood run (default ${DEFAULT-VALUE}).")
    private long stanzas;

    @Option(names = "--window", defaultValue = "1000", description = "Stanzas in flight during the flood (default ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--pings", defaultValue = "20000", description = "Round trips per ping-pong run (default ${DEFAULT-VALUE}).")
    private long pings;

    @Option(names = "--repeat", defaultValue = "3", description = "Repetitions (default ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--workers", defaultValue = "4", description = "The component's stanza worker threads (default ${DEFAULT-VALUE}).")
    private int workers;

    @Override
    public Integer call() throws Exception {
        if (stanzas < 1 || window < 1 || pings < 1 || repeat < 1 || workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "every count must be at least 1");
        }
        String flood = "flood: " + stanzas + " messages, window " + window;
        ResultTable load = new ResultTable(String.format(Locale.ROOT, "link: %s, %d runs", flood, repeat),
                List.of("sent/s", "received/s", "p50 µs", "p99 µs"));
        ResultTable pong = new ResultTable(String.format(Locale.ROOT, "link: ping-pong, %d round trips, %d runs",
                pings, repeat), List.of("round trip p50 µs", "round trip p99 µs"));
        try (ComponentLinkServer server = new ComponentLinkServer(SECRET)) {
            for (int run = 1; run <= repeat; run++) {
                try (ByteEchoPeer peer = new ByteEchoPeer(server.port(), DOMAIN, SECRET);
                     DriverLink link = server.accept(TIMEOUT)) {
                    measure(BYTE_ECHO, link, load, pong);
                }
                ComponentRunner runner = ComponentRunner.start(new ConfigLoader(List.of(new EchoServiceFactory()))
                        .parse("""
                            server: {host: 127.0.0.1, port: %d, domain: localhost}
                            link: {workers: %d}
                            components:
                              echo: {subdomain: %s, secret: %s}
                            """.formatted(server.port(), workers, DOMAIN, SECRET), "bench-link"));
                DriverLink link = null;
                try {
                    link = server.accept(TIMEOUT);
                    runner.awaitOnline(TIMEOUT);
                    measure(SATELLITE, link, load, pong);
                } finally {
                    // The runner first, so it closes its stream and does not reconnect to the next round's accept.
                    runner.close();
                    if (link != null) {
                        link.close();
                    }
                }
            }
        }
        for (String column : List.of("sent/s", "received/s", "p50 µs", "p99 µs")) {
            load.ratio(column, SATELLITE, BYTE_ECHO);
        }
        pong.ratio("round trip p50 µs", SATELLITE, BYTE_ECHO).ratio("round trip p99 µs", SATELLITE, BYTE_ECHO);
        load.print(spec.commandLine().getOut());
        pong.print(spec.commandLine().getOut());
        return 0;
    }

    private void measure(String row, DriverLink link, ResultTable load, ResultTable pong) throws Exception {
        WindowedLoad driver = new WindowedLoad(link, new EchoWorkload(DOMAIN), TIMEOUT);
        driver.run(Math.max(1, stanzas / 5), window);
        LoadResult r = driver.run(stanzas, window);
        load.cell(row, "sent/s").add(r.sentPerSecond());
        load.cell(row, "received/s").add(r.receivedPerSecond());
        load.cell(row, "p50 µs").add(r.latencyMicros(50));
        load.cell(row, "p99 µs").add(r.latencyMicros(99));
        LoadResult p = driver.run(pings, 1);
        pong.cell(row, "round trip p50 µs").add(p.latencyMicros(50));
        pong.cell(row, "round trip p99 µs").add(p.latencyMicros(99));
        log.info("{}: {} received/s, p99 {} µs; ping-pong p50 {} µs", row, Math.round(r.receivedPerSecond()),
                Math.round(r.latencyMicros(99)), Math.round(p.latencyMicros(50)));
    }
}
