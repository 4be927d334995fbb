package im.satellite.bench.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated XEP-0114 connection on the server side: one receive thread scans what the component sends
 * ({@link StanzaScanner}) and hands each stanza to the current {@link StanzaListener}; the caller's thread writes
 * raw bytes. When the component closes its stream, the link answers {@code </stream:stream>} and closes.
 */
public final class DriverLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DriverLink.class);
    private static final byte[] CLOSE = "</stream:stream>".getBytes(StandardCharsets.UTF_8);
    private static final StanzaListener IGNORE = id -> { };
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String componentDomain;
    private final Thread receiver;
    private volatile StanzaListener listener = IGNORE;
    private volatile ByteTap tap;
    private volatile StanzaListener side = IGNORE;
    private volatile long sideFrom = Long.MAX_VALUE;
    private volatile boolean closed;

    DriverLink(Socket socket, InputStream in, String componentDomain) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.componentDomain = componentDomain;
        this.receiver = new Thread(this::receive, "driver-link-receive");
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    /** The domain the component announced in its stream header. */
    public String componentDomain() {
        return componentDomain;
    }

    /** Routes the stanzas received from now on to {@code l}. */
    public void listen(StanzaListener l) {
        this.listener = l == null ? IGNORE : l;
    }

    /** Sees the raw bytes the component sends, before the stanza scanner (on the receive thread). */
    @FunctionalInterface
    public interface ByteTap {
        void bytes(byte[] buf, int off, int len);
    }

    /** Hands every byte received from now on to {@code t} as well (null: none), for content the ids do not carry. */
    public void tap(ByteTap t) {
        this.tap = t;
    }

    /**
     * Routes the stanzas whose id is at least {@code fromId} to {@code l} instead of the current listener, so that
     * a second stream of requests (joins, set-up IQs) can share the link with a {@link WindowedLoad}.
     */
    public void listenSide(long fromId, StanzaListener l) {
        this.side = l == null ? IGNORE : l;
        this.sideFrom = l == null ? Long.MAX_VALUE : fromId;
    }

    /** Writes and flushes raw bytes (one writer thread at a time). */
    public void write(byte[] buf, int off, int len) throws IOException {
        synchronized (out) {
            out.write(buf, off, len);
            out.flush();
        }
    }

    private void receive() {
        StanzaScanner scanner = new StanzaScanner(new StanzaListener() {
            @Override
            public void onStanza(long id) {
                if (id >= sideFrom) {
                    side.onStanza(id);
                } else {
                    listener.onStanza(id);
                }
            }

            @Override
            public void onStreamEnd() {
                listener.onStreamEnd();
                close();
            }
        });
        byte[] buf = new byte[128 * 1024];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                ByteTap t = tap;
                if (t != null) {
                    t.bytes(buf, 0, n);
                }
                scanner.feed(buf, 0, n);
            }
        } catch (IOException e) {
            if (!closed) {
                log.warn("the component link failed: {}", e.toString());
            }
        }
    }

    /** Closes the stream and the socket. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            synchronized (out) {
                out.write(CLOSE);
                out.flush();
            }
        } catch (IOException e) {
            log.debug("closing the stream: {}", e.toString());
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing the socket: {}", e.toString());
        }
    }
}
