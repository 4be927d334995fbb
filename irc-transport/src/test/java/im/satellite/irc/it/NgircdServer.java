package im.satellite.irc.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ngircd on loopback for integration tests: a generated {@code ngircd.conf} in a temp dir, a free port,
 * {@code ngircd -n -f FILE} as a child process (no daemon, so the test owns it). When run as root, ngircd drops to
 * ServerUID/ServerGID (nobody/nogroup). {@link #restart()} stops and starts it on the same port.
 */
public final class NgircdServer implements AutoCloseable {
    public static final String NAME = "irc.test";
    private final Path dir;
    private final Path conf;
    private final int port;
    private final int tlsPort;
    private Process process;

    public NgircdServer() throws IOException, InterruptedException {
        this(false);
    }

    /** With {@code tls}, also a TLS port with a fresh self-signed certificate for CN=localhost. */
    public NgircdServer(boolean tls) throws IOException, InterruptedException {
        this.dir = Files.createTempDirectory("ngircd");
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        this.port = freePort();
        this.tlsPort = tls ? freePort() : 0;
        this.conf = dir.resolve("ngircd.conf");
        if (tls) {
            selfSigned();
        }
        Files.writeString(conf, config() + (tls ? """
                [SSL]
                    CertFile = %s
                    KeyFile = %s
                    Ports = %d
                """.formatted(dir.resolve("cert.pem"), dir.resolve("key.pem"), tlsPort) : ""),
                StandardCharsets.UTF_8);
        check();
        start();
    }

    private String config() {
        return """
                [Global]
                    Name = %s
                    Info = Satellite integration test server
                    Listen = 127.0.0.1
                    Ports = %d
                    MotdPhrase = Welcome to the Satellite test network
                    ServerUID = 65534
                    ServerGID = 65534
                [Limits]
                    MaxConnectionsIP = 0
                    MaxNickLength = 30
                    PingTimeout = 120
                    PongTimeout = 20
                [Options]
                    DNS = no
                    Ident = no
                    PAM = no
                    OperCanUseMode = yes
                    RequireAuthPing = no
                    SyslogFacility = local7
                """.formatted(NAME, port);
    }

    private void selfSigned() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-keyout", dir.resolve("key.pem").toString(), "-out",
                dir.resolve("cert.pem").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl failed: " + out);
        }
        dir.resolve("key.pem").toFile().setReadable(true, false);
    }

    /** The TLS port, or 0. */
    public int tlsPort() {
        return tlsPort;
    }

    private void check() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ngircd", "--configtest", "-f", conf.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ngircd --configtest failed: " + out);
        }
    }

    /** Starts ngircd and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of("ngircd", "-n", "-f", conf.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ngircd.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("ngircd exited: " + Files.readString(dir.resolve("ngircd.log")));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("ngircd did not start listening on " + port);
    }

    /** Stops ngircd (SIGTERM, then SIGKILL). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        stop();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
