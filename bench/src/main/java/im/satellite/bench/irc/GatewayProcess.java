package im.satellite.bench.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@link GatewayChild} as a child JVM ({@code -Xmx} as asked, the benchmark's class path) with the IRC gateway
 * attached to the driver's XEP-0114 port and allowed onto the benchmark's ngircd only, and asks it for heap used after
 * GC and its thread count. Its log goes to a file in the work directory; its SQLite database lives there too.
 */
final class GatewayProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayProcess.class);
    static final String SUBDOMAIN = "irc.localhost";

    /** Heap used after GC, in bytes, and live threads. */
    record Stats(long heap, int threads) {
    }

    private final Process process;
    private final PrintWriter control;
    private final BufferedReader replies;
    private final Path log;

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
        log = workDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GatewayChild.class.getName());
        cmd.add(config.toString());
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        control = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    void awaitOnline() throws IOException {
        expect("online");
    }

    long pid() {
        return process.pid();
    }

    Stats stats() throws IOException {
        control.println("stats");
        String[] f = expect("stats").split(" ");
        return new Stats(Long.parseLong(f[1]), Integer.parseInt(f[2]));
    }

    /** Reads the child's stdout up to the line starting with {@code prefix}; the JVM may print lines of its own. */
    private String expect(String prefix) throws IOException {
        for (String line; (line = replies.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            LOG.debug("gateway process: {}", line);
        }
        throw new IOException("the gateway process ended before saying " + prefix + "; see its log " + log);
    }

    @Override
    public void close() throws InterruptedException {
        control.println("quit");
        control.close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
