package im.satellite.bench.irc;

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
 * A private ngircd (Debian's package) on a free loopback port, with its own configuration in the work directory,
 * run as {@code ngircd -n -f FILE} (a child process, no daemon). Its limits are raised so that they do not decide
 * the benchmark: no connection limit per IP or in total, no channel limit per user, penalties off
 * ({@code MaxPenaltyTime = 0}) and user mode {@code F} ("relaxed flood protection", normally set by IRC operators)
 * on every client through {@code DefaultUserModes}, so neither command throttling nor bps throttling applies.
 * Running as root, it drops to nobody/nogroup.
 */
final class Ngircd implements AutoCloseable {
    static final String NAME = "irc.bench";
    private final Path dir;
    private final int port;
    private final Process process;

    Ngircd(Path workDir) throws IOException, InterruptedException {
        dir = Files.createDirectories(workDir.resolve("ngircd"));
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        workDir.toFile().setExecutable(true, false);
        port = freePort();
        Path conf = dir.resolve("ngircd.conf");
        Files.writeString(conf, """
                [Global]
                    Name = %s
                    Info = Satellite benchmark server
                    Listen = 127.0.0.1
                    Ports = %d
                    MotdPhrase = Satellite benchmark
                    ServerUID = 65534
                    ServerGID = 65534
                [Limits]
                    MaxConnections = 0
                    MaxConnectionsIP = 0
                    MaxJoins = 0
                    MaxNickLength = 30
                    MaxPenaltyTime = 0
                    PingTimeout = 600
                    PongTimeout = 600
                [Options]
                    DefaultUserModes = F
                    DNS = no
                    Ident = no
                    PAM = no
                    RequireAuthPing = no
                    SyslogFacility = local7
                """.formatted(NAME, port), StandardCharsets.UTF_8);
        Process check = new ProcessBuilder("ngircd", "--configtest", "-f", conf.toString()).redirectErrorStream(true)
                .start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(10, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IOException("ngircd --configtest failed: " + out);
        }
        Path log = dir.resolve("ngircd.log");
        process = new ProcessBuilder(List.of("ngircd", "-n", "-f", conf.toString())).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("ngircd exited: " + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IOException("ngircd did not start listening on " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Stops ngircd: SIGTERM, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
