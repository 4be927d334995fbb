package im.satellite.irc.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A scripted IRC server on loopback: accepts clients one at a time, records their lines, sends what a test says. */
public final class FakeIrcServer implements AutoCloseable {
    private final ServerSocket server;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private volatile Socket current;
    private final Thread acceptor;
    private final java.nio.charset.Charset charset;

    public FakeIrcServer() throws IOException {
        this(StandardCharsets.UTF_8);
    }

    /** A server that reads and writes lines in {@code charset} (a legacy network). */
    public FakeIrcServer(java.nio.charset.Charset charset) throws IOException {
        this.charset = charset;
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "fake-irc-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                current = s;
                accepted.add(s);
                Thread r = new Thread(() -> read(s), "fake-irc-read");
                r.setDaemon(true);
                r.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket s) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), charset))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("<closed>");
            return;
        }
        lines.add("<closed>");
    }

    /** Waits for a client connection. */
    public void awaitClient(Duration timeout) throws InterruptedException {
        if (accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) == null) {
            throw new AssertionError("no client connected");
        }
    }

    /** The next line the client sent, failing after the timeout. */
    public String takeLine() throws InterruptedException {
        String l = lines.poll(10, TimeUnit.SECONDS);
        if (l == null) {
            throw new AssertionError("no line from the client");
        }
        return l;
    }

    /** The next line that starts with {@code prefix}, skipping others. */
    public String takeLine(String prefix) throws InterruptedException {
        while (true) {
            String l = takeLine();
            if (l.startsWith(prefix)) {
                return l;
            }
        }
    }

    /** Sends lines to the current client, each terminated by CR LF. */
    public void send(String... out) throws IOException {
        OutputStream os = current.getOutputStream();
        for (String l : out) {
            os.write((l + "\r\n").getBytes(charset));
        }
        os.flush();
    }

    /** Drops the current client. */
    public void kick() throws IOException {
        current.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }
}
