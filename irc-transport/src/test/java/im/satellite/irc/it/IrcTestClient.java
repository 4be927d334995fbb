package im.satellite.irc.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A plain IRC client over a raw socket: registers, answers PING, and lets the test send and expect lines. */
public final class IrcTestClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    public final String nick;

    public IrcTestClient(int port, String nick) throws IOException, InterruptedException {
        this.nick = nick;
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "irc-test-client-" + nick);
        reader.setDaemon(true);
        reader.start();
        send("NICK " + nick);
        send("USER " + nick + " 0 * :Test client");
        expect(l -> l.contains(" 001 "));
        expect(l -> l.contains(" 376 ") || l.contains(" 422 "));
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = in.readLine()) != null) {
                if (l.startsWith("PING ")) {
                    send("PONG " + l.substring(5));
                } else {
                    lines.add(l);
                }
            }
        } catch (IOException e) {
            lines.add("<closed>");
        }
    }

    public synchronized void send(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next line matching {@code p}; others are kept in {@link #seen()}. */
    public String expect(Predicate<String> p) throws InterruptedException {
        return expect(p, Duration.ofSeconds(15));
    }

    public String expect(Predicate<String> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String l = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (l == null) {
                throw new AssertionError(nick + ": no matching IRC line; saw " + seen);
            }
            seen.add(l);
            if (p.test(l)) {
                return l;
            }
        }
    }

    /** Lines received within {@code window} (for asserting that something did not happen). */
    public List<String> drain(Duration window) throws InterruptedException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String l = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (l == null) {
                return got;
            }
            got.add(l);
        }
    }

    public List<String> seen() {
        return seen;
    }

    @Override
    public void close() throws IOException {
        try {
            send("QUIT :bye");
        } catch (IllegalStateException e) {
            // already gone
        }
        socket.close();
    }
}
