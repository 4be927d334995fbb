package im.satellite.proxy;

import im.satellite.proxy.socks5.StreamHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway measurement, not a test: one transfer of {@code args[0]} MiB (default 1024) over raw loopback, then
 * through the proxy's relay, alternating for {@code args[1]} rounds (default 2) because these machines are noisy;
 * {@code args[2]} adds proxy options (YAML, e.g. {@code "socks-threads: 1"}).
 * Both runs use the same blocking sockets and 256 KiB buffers; sender, receiver and proxy share the machine's cores.
 * The benchmark module proper (JMH, mod_proxy65 comparison) comes later.
 */
public final class RelayThroughput {
    private static final Logger log = LoggerFactory.getLogger(RelayThroughput.class);
    private static final int CHUNK = 256 * 1024;

    private RelayThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String options = args.length > 2 ? args[2] : "";
        try (ProxyHarness proxy = new ProxyHarness("idle-timeout: 5m\n" + options)) {
            for (int i = 1; i <= rounds; i++) {
                log.info("round {}: raw loopback {} MB/s", i, String.format("%.0f", raw(bytes)));
                log.info("round {}: through the proxy {} MB/s", i, String.format("%.0f", relayed(proxy, bytes, i)));
            }
        }
    }

    private static double raw(long bytes) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket sender = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket receiver = server.accept()) {
            return transfer(sender, receiver, bytes);
        }
    }

    private static double relayed(ProxyHarness proxy, long bytes, int round) throws Exception {
        String sid = "bench-" + round;
        StreamHash hash = StreamHash.of(sid, "a@localhost/r", "b@localhost/r");
        try (Socket receiver = proxy.connect(hash); Socket sender = proxy.connect(hash)) {
            String outcome = ProxyHarness.outcome(proxy.activate("a@localhost/r", sid, "b@localhost/r"));
            if (!"result".equals(outcome)) {
                throw new IllegalStateException("activation failed: " + outcome);
            }
            receiver.setSoTimeout(0);
            return transfer(sender, receiver, bytes);
        }
    }

    /** Sends {@code bytes} from one socket to the other; returns MB/s (10^6 bytes per second). */
    private static double transfer(Socket sender, Socket receiver, long bytes) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            byte[] buf = new byte[CHUNK];
            try {
                OutputStream out = sender.getOutputStream();
                for (long left = bytes; left > 0; left -= CHUNK) {
                    out.write(buf, 0, (int) Math.min(CHUNK, left));
                }
                sender.shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] buf = new byte[CHUNK];
        long got = 0;
        InputStream in = receiver.getInputStream();
        for (int r; (r = in.read(buf)) >= 0; ) {
            got += r;
        }
        send.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (got != bytes) {
            throw new IllegalStateException("received " + got + " of " + bytes + " bytes");
        }
        return bytes / 1e6 / seconds;
    }
}
