package im.satellite.bench.proxy;

import im.satellite.bench.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts {@link ProxyChild} as a child JVM ({@code -Xmx} as asked, the benchmark's own class path), attached as
 * an external component to the given XEP-0114 port, and reads its heap peaks over the child's stdin/stdout.
 * The child's log goes to a file in the work directory. Extra file-proxy options (YAML lines) override nothing
 * above them: they are appended, so use keys that are not set here.
 */
final class SatelliteProxyProcess implements AutoCloseable {
    /** Peak heap used and peak Netty pooled direct memory since the last reset, in bytes. */
    record Peaks(long heap, long direct) {
    }

    private final ChildJvm child;
    private final int socksPort;

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
        child = new ChildJvm("Satellite proxy process", ProxyChild.class, config, workDir.resolve(subdomain + ".log"),
                heap, jfr, 15);
        child.expect("online");
    }

    int socksPort() {
        return socksPort;
    }

    long pid() {
        return child.pid();
    }

    void resetPeaks() throws IOException {
        child.ask("reset", "ok");
    }

    Peaks peaks() throws IOException {
        String[] f = child.ask("peak", "peak").split(" ");
        return new Peaks(Long.parseLong(f[1]), Long.parseLong(f[2]));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        child.close();
    }
}
