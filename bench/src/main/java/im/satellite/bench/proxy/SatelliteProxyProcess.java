package im.satellite.bench.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@link ProxyChild} as a child JVM ({@code -Xmx} as asked, the benchmark's own class path), attached as
 * an external component to the given XEP-0114 port, and reads its heap peaks over the child's stdin/stdout.
 * The child's log goes to a file in the work directory. Extra file-proxy options (YAML lines) override nothing
 * above them: they are appended, so use keys that are not set here.
 */
final class SatelliteProxyProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SatelliteProxyProcess.class);
    /** Peak heap used and peak Netty pooled direct memory since the last reset, in bytes. */
    record Peaks(long heap, long direct) {
    }

    private final Process process;
    private final PrintWriter control;
    private final BufferedReader replies;
    private final int socksPort;
    private final Path log;

    SatelliteProxyProcess(Path workDir, int componentPort, String subdomain, String secret, String heap,
            Path jfr, List<String> options) throws IOException {
        socksPort = freePort();
        Path config = workDir.resolve(subdomain + ".yml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, port: %d, domain: localhost}
                components:
                  proxy:
                    subdomain: %s
                    secret: %s
                    socks-bind: 127.0.0.1
                    socks-port: %d
                    advertise-host: [127.0.0.1]
                    idle-timeout: 5m
                    max-transfers-per-user: 1000
                    stats-interval: 1h
                """.formatted(componentPort, subdomain, secret, socksPort) + String.join("\n", options).indent(4));
        log = workDir.resolve(subdomain + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ProxyChild.class.getName());
        cmd.add(config.toString());
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        control = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        expect("online");
    }

    int socksPort() {
        return socksPort;
    }

    long pid() {
        return process.pid();
    }

    void resetPeaks() throws IOException {
        control.println("reset");
        expect("ok");
    }

    Peaks peaks() throws IOException {
        control.println("peak");
        String[] f = expect("peak").split(" ");
        return new Peaks(Long.parseLong(f[1]), Long.parseLong(f[2]));
    }

    /** Reads the child's stdout up to the line starting with {@code prefix}; the JVM may print lines of its own. */
    private String expect(String prefix) throws IOException {
        for (String line; (line = replies.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            LOG.debug("Satellite proxy process: {}", line);
        }
        throw new IOException("the Satellite proxy process ended before saying " + prefix + "; see its log " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        control.println("quit");
        control.close();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
