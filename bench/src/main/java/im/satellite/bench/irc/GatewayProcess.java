package im.satellite.bench.irc;

import im.satellite.bench.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts {@link GatewayChild} as a child JVM ({@code -Xmx} as asked, the benchmark's class path) with the IRC gateway
 * attached to the driver's XEP-0114 port and allowed onto the benchmark's ngircd only, and asks it for heap used after
 * GC and its thread count. Its log goes to a file in the work directory; its SQLite database lives there too.
 */
final class GatewayProcess implements AutoCloseable {
    static final String SUBDOMAIN = "irc.localhost";

    /** Heap used after GC, in bytes, and live threads. */
    record Stats(long heap, int threads) {
    }

    private final ChildJvm child;

    /**
     * Starts the child; it connects to {@code componentPort} at once, so accept its link and then call
     * {@link #awaitOnline()}.
     */
    GatewayProcess(Path workDir, String name, int componentPort, String secret, int ircPort, String heap,
            int floodBurst, String floodInterval, Path jfr) throws IOException {
        Path config = workDir.resolve(name + ".yml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: %d, domain: %s}
                database: {url: "jdbc:sqlite:%s"}
                link: {read-idle: 1h}
                components:
                  irc:
                    subdomain: %s
                    secret: %s
                    secret-key: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
                    max-connections: 100000
                    ping-interval: 600s
                    flood-burst: %d
                    flood-interval: %s
                    networks:
                      %s: {host: 127.0.0.1, port: %d, tls: false}
                """.formatted(componentPort, XmppSide.DOMAIN, workDir.resolve(name + ".db"), SUBDOMAIN, secret,
                floodBurst, floodInterval, Ngircd.NAME, ircPort));
        child = new ChildJvm("gateway process", GatewayChild.class, config, workDir.resolve(name + ".log"), heap,
                jfr, 20);
    }

    void awaitOnline() throws IOException {
        child.expect("online");
    }

    long pid() {
        return child.pid();
    }

    Stats stats() throws IOException {
        String[] f = child.ask("stats", "stats").split(" ");
        return new Stats(Long.parseLong(f[1]), Integer.parseInt(f[2]));
    }

    @Override
    public void close() throws InterruptedException {
        child.close();
    }
}
