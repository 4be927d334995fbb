package im.satellite.bench.muc;

import im.satellite.bench.link.ComponentLinkServer;
import im.satellite.bench.link.DriverLink;
import im.satellite.bench.proxy.ProcessCpu;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One Satellite child process ({@link ComponentProcess}) attached to the load driver's own XEP-0114 port
 * ({@link ComponentLinkServer}): the driver plays the host server, with nothing in between. The child runs one
 * component, {@code muc} ({@code muc.localhost}, with a SQLite database) or {@code echo} ({@code echo.localhost}).
 * Its link pings only after 10 minutes of silence ({@code link.read-idle}), so a driver busy reading a large
 * fan-out never has to answer a keepalive ping during a run.
 */
final class LinkedChild implements AutoCloseable {
    static final String SECRET = "bench-secret";
    private final ComponentLinkServer server;
    private final ComponentProcess process;
    private final DriverLink link;
    private final double startupMillis;
    private final double startupCpuMillis;

    private LinkedChild(ComponentLinkServer server, ComponentProcess process, DriverLink link, double startupMillis,
            double startupCpuMillis) {
        this.server = server;
        this.process = process;
        this.link = link;
        this.startupMillis = startupMillis;
        this.startupCpuMillis = startupCpuMillis;
    }

    /**
     * Starts the child and waits until its link is up.
     *
     * @param component {@code muc} or {@code echo}
     * @param database the MUC's SQLite file (ignored for echo)
     * @param jfr a directory for a JFR recording of the child ({@code <name>.jfr}), or null
     * @param mucOptions extra YAML keys of the MUC component, e.g. {@code "max-idle-rooms: 0"} (may be empty)
     */
    static LinkedChild start(Path work, String name, String component, Path database, String mucOptions, int workers,
            String heap, Path jfr, Duration timeout) throws IOException {
        ComponentLinkServer server = new ComponentLinkServer(SECRET);
        ComponentProcess process = null;
        try {
            String services = component.equals("muc")
                    ? "database: {url: \"jdbc:sqlite:" + database + "\"}\ncomponents:\n  muc: {subdomain: "
                            + MucDriver.DOMAIN + ", secret: " + SECRET + ", create-rooms: anyone"
                            // The drivers send far faster than one person types: the abuse limit on an
                            // occupant's message rate is off, as mod_muc has none without mod_muc_limits.
                            + ", limits: {message-burst: 0}"
                            + (mucOptions.isBlank() ? "" : ", " + mucOptions) + "}\n"
                    : "components:\n  echo: {subdomain: echo.localhost, secret: " + SECRET + "}\n";
            process = new ComponentProcess(work, name, """
                    server: {host: 127.0.0.1, port: %d, domain: localhost}
                    link: {workers: %d, read-idle: 10m}
                    """.formatted(server.port(), workers) + services, heap, jfr == null ? null : jfr.resolve(name + ".jfr"));
            DriverLink link = server.accept(timeout);
            double startup = (System.nanoTime() - process.launchedAt()) / 1e6;
            double cpu = ProcessCpu.seconds(List.of(process.pid())) * 1000;
            process.awaitOnline();
            return new LinkedChild(server, process, link, startup, cpu);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                try {
                    process.close();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            server.close();
            throw e;
        }
    }

    DriverLink link() {
        return link;
    }

    ComponentProcess process() {
        return process;
    }

    /** From launching the JVM to the component's completed handshake at the driver, in ms. */
    double startupMillis() {
        return startupMillis;
    }

    /** The CPU time (user + system) the child had used when its handshake completed, in ms (10 ms ticks). */
    double startupCpuMillis() {
        return startupCpuMillis;
    }

    @Override
    public void close() throws Exception {
        // The child first: it says goodbye to every occupant over the link, which the driver still reads.
        try {
            process.close();
        } finally {
            link.close();
            server.close();
        }
    }
}
