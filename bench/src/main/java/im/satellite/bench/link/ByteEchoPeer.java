package im.satellite.bench.link;

import im.satellite.core.testkit.ComponentHandshake;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket limit for the link benchmark: a "component" that completes the XEP-0114 handshake and then
 * copies every byte back as it is, with no XML parsing, routing or serialisation. The driver's stanzas come back
 * unchanged, with their ids, so the same {@link WindowedLoad} measures it.
 */
public final class ByteEchoPeer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ByteEchoPeer.class);
    private final Socket socket;
    private final Thread thread;

    /** Connects to the driver's port as {@code domain} and starts echoing on a thread of its own. */
    public ByteEchoPeer(int port, String domain, String secret) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        thread = new Thread(() -> run(domain, secret), "byte-echo-peer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String domain, String secret) {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            ComponentHandshake.perform(in, out, domain, secret);
            byte[] buf = new byte[128 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                log.warn("byte echo peer: {}", e.toString());
            }
        } finally {
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closeSocket();
        thread.join(5000);
    }
}
