package im.satellite.bench.link;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of XEP-0114 (§3) on a loopback port, for the load driver: it accepts a component, answers its
 * stream header with a stream id, checks {@code <handshake>} against SHA-1(id + secret) and answers
 * {@code <handshake/>}. The authenticated connection is then a {@link DriverLink}. One connection at a time.
 */
public final class ComponentLinkServer implements AutoCloseable {
    private static final Pattern TO = Pattern.compile("\\sto=['\"]([^'\"]+)['\"]");
    private static final Pattern HANDSHAKE = Pattern.compile("<handshake>\\s*([0-9a-fA-F]+)\\s*</handshake>");
    private final ServerSocket server;
    private final String secret;
    private long streams;

    /** Listens on a free loopback port. */
    public ComponentLinkServer(String secret) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.secret = secret;
    }

    /** The port components connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Waits for a component to connect and complete the handshake. */
    public DriverLink accept(Duration timeout) throws IOException {
        server.setSoTimeout((int) timeout.toMillis());
        Socket s = server.accept();
        try {
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            String header = readUntil(in, "<stream:stream", ">");
            Matcher to = TO.matcher(header);
            String domain = to.find() ? to.group(1) : "component";
            String id = "bench" + (++streams) + Long.toHexString(System.nanoTime());
            s.getOutputStream().write(("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/"
                    + "streams' xmlns='jabber:component:accept' from='" + domain + "' id='" + id + "'>")
                    .getBytes(StandardCharsets.UTF_8));
            Matcher hs = HANDSHAKE.matcher(readUntil(in, "</handshake>", ""));
            if (!hs.find() || !hs.group(1).equalsIgnoreCase(sha1Hex(id + secret))) {
                s.getOutputStream().write(("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                        + "</stream:error></stream:stream>").getBytes(StandardCharsets.UTF_8));
                throw new IOException("the component's handshake does not match the secret");
            }
            s.getOutputStream().write("<handshake/>".getBytes(StandardCharsets.UTF_8));
            s.setSoTimeout(0);
            return new DriverLink(s, in, domain);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Reads until {@code marker} has been seen and then {@code then} (empty: nothing more). */
    private static String readUntil(InputStream in, String marker, String then) throws IOException {
        StringBuilder sb = new StringBuilder();
        int markerAt = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the component closed the connection during the handshake: " + sb);
            }
            sb.append((char) b);
            if (sb.length() > 16_384) {
                throw new SocketTimeoutException("no " + marker + " in the first 16 KiB");
            }
            if (markerAt < 0 && sb.length() >= marker.length() && sb.lastIndexOf(marker) >= 0) {
                markerAt = sb.length();
                if (then.isEmpty()) {
                    return sb.toString();
                }
            } else if (markerAt >= 0 && sb.length() > markerAt && sb.charAt(sb.length() - 1) == then.charAt(0)) {
                return sb.toString();
            }
        }
    }

    /** SHA-1 in lower-case hex, as the XEP-0114 handshake uses it. */
    static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
