package im.satellite.muc.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback between Satellite and the host server's component port that a test can cut: while cut,
 * the link is down and every reconnection attempt is closed at once, as during a network failure, so that stanzas
 * the server sends meanwhile (an occupant's unavailable presence) never reach the room.
 */
final class LinkProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    /** Occurrences of {@link #WATCHED} in what Satellite sent to the server. */
    private final java.util.concurrent.atomic.AtomicLong watchedUpstream = new java.util.concurrent.atomic.AtomicLong();
    private static final byte[] WATCHED = "<addresses xmlns=\"http://jabber.org/protocol/address\">"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    LinkProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "link-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Drops the link and refuses new ones until {@link #restore()}. */
    void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    /** How many XEP-0033 {@code <addresses/>} elements Satellite has sent to the server so far. */
    long multicastStanzasSent() {
        return watchedUpstream.get();
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            int matched = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    for (int i = 0; upstream && i < n; i++) {
                        matched = buf[i] == WATCHED[matched] ? matched + 1 : (buf[i] == WATCHED[0] ? 1 : 0);
                        if (matched == WATCHED.length) {
                            watchedUpstream.incrementAndGet();
                            matched = 0;
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "link-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
