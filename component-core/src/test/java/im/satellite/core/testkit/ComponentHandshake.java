package im.satellite.core.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The component side of the XEP-0114 handshake on plain blocking streams, for minimal components written on a
 * socket: tests that act as a component of a real server, and the benchmarks' byte echo and bare fan-out. It reads
 * byte by byte, so nothing the server sends after its {@code <handshake/>} is consumed here.
 */
public final class ComponentHandshake {
    private static final Pattern ID = Pattern.compile("\\sid=['\"]([^'\"]+)['\"]");

    private ComponentHandshake() {
    }

    /**
     * Opens the stream as {@code domain}, answers the stream id with the secret's digest and waits for the server's
     * {@code <handshake/>}.
     *
     * @throws IOException if the server closes the stream, sends no id or refuses the handshake
     */
    public static void perform(InputStream in, OutputStream out, String domain, String secret) throws IOException {
        out.write(("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='" + domain + "'>").getBytes(StandardCharsets.UTF_8));
        out.flush();
        StringBuilder header = new StringBuilder();
        while (header.indexOf("<stream:stream") < 0 || header.charAt(header.length() - 1) != '>') {
            header.append(next(in, domain, header));
        }
        Matcher id = ID.matcher(header.substring(header.indexOf("<stream:stream")));
        if (!id.find()) {
            throw new IOException(domain + ": no stream id in " + header);
        }
        out.write(("<handshake>" + DigestUtils.sha1Hex(id.group(1) + secret) + "</handshake>")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        StringBuilder reply = new StringBuilder();
        while (reply.indexOf("<handshake/>") < 0 && reply.indexOf("</handshake>") < 0) {
            if (reply.indexOf("</stream:stream>") >= 0) {
                throw new IOException(domain + ": handshake refused: " + reply);
            }
            reply.append(next(in, domain, reply));
        }
    }

    private static char next(InputStream in, String domain, CharSequence sofar) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException(domain + ": the server closed the connection: " + sofar);
        }
        return (char) b;
    }
}
