package im.satellite.bench.muc;

import im.satellite.bench.link.StanzaListener;
import im.satellite.bench.link.StanzaScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A light XMPP client on a plain blocking socket, for the end-to-end benchmark's hundreds of connections: stream,
 * SASL PLAIN, resource binding (and a session when the server wants one), no roster and no initial presence, so it
 * gets only what is sent to its full JID. Set-up steps read the stream as text and wait for a pattern; once
 * {@link #startReceiving} is called, one thread scans the stream ({@link StanzaScanner}) and reports each stanza's
 * numeric id. Writes come from any thread, one at a time.
 */
final class RawClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RawClient.class);
    private static final Pattern FEATURES_END = Pattern.compile("</stream:features>");
    private static final Pattern SASL_DONE = Pattern.compile("<success\\b[^>]*/>|</success>|<failure\\b");
    private static final Pattern SELF_PRESENCE = Pattern.compile("code=['\"]110['\"][\\s\\S]*?</presence>");
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String domain;
    private final String jid;
    private final StringBuilder text = new StringBuilder();
    private volatile boolean closed;

    private RawClient(Socket socket, String domain, String jid) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.domain = domain;
        this.jid = jid;
    }

    /** Connects and logs in as {@code user@domain/resource}. */
    static RawClient login(String host, int port, String domain, String user, String password, String resource,
            Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            RawClient c = new RawClient(s, domain, user + "@" + domain + "/" + resource);
            c.openStream();
            c.read(FEATURES_END);
            c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + Base64.getEncoder()
                    .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8)) + "</auth>");
            if (c.read(SASL_DONE).startsWith("<failure")) {
                throw new IOException("SASL PLAIN refused for " + user + "@" + domain);
            }
            c.openStream();
            String features = c.read(FEATURES_END);
            c.iq("bind", "<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                    + resource + "</resource></bind></iq>");
            if (features.contains("urn:ietf:params:xml:ns:xmpp-session") && !features.contains("<optional/>")) {
                c.iq("sess", "<iq type='set' id='sess'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
            }
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The full JID. */
    String jid() {
        return jid;
    }

    /** Enters {@code room} (a bare room JID) as {@code nick}, without history; waits for its own presence. */
    String join(String room, String nick) throws IOException {
        send("<presence to='" + room + "/" + nick + "' id='join'><x xmlns='http://jabber.org/protocol/muc'>"
                + "<history maxstanzas='0'/></x></presence>");
        return read(SELF_PRESENCE);
    }

    /**
     * Sends one groupchat message to {@code room} and returns the copy the room sends back to this client, as the
     * server delivers it, for the log: it shows what each delivery carries (stanza-id, occupant-id...).
     */
    String sampleDelivery(String room) throws IOException {
        send("<message to='" + room + "' type='groupchat' id='sample'><body>sample</body></message>");
        return read(Pattern.compile("<message[^>]*id=['\"]sample['\"][\\s\\S]*?</message>"));
    }

    /** Makes a room this client just created an instant room (XEP-0045 §10.1.2). */
    void instantRoom(String room) throws IOException {
        iq("cfg", "<iq type='set' to='" + room + "' id='cfg'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                + "<x xmlns='jabber:x:data' type='submit'/></query></iq>");
    }

    /**
     * From now on, a thread scans everything this client receives and calls {@code listener} with each stanza's
     * numeric id (or -1); what was read during set-up and not yet matched is scanned first.
     */
    void startReceiving(StanzaListener listener, String threadName) throws IOException {
        socket.setSoTimeout(0);
        byte[] rest = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        text.setLength(0);
        Thread t = new Thread(() -> {
            StanzaScanner scanner = new StanzaScanner(listener);
            scanner.feed(rest, 0, rest.length);
            byte[] buf = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    scanner.feed(buf, 0, n);
                }
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{}: {}", jid, e.toString());
                }
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }

    /** Writes and flushes one stanza's bytes. */
    void write(byte[] stanza) throws IOException {
        synchronized (out) {
            out.write(stanza);
            out.flush();
        }
    }

    private void openStream() throws IOException {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='" + domain + "' version='1.0'>");
    }

    /** Sends an IQ with this id and waits for its answer; fails on an error. */
    private void iq(String id, String iq) throws IOException {
        send(iq);
        String quoted = "['\"]" + id + "['\"]";
        String answer = read(Pattern.compile("<iq\\b[^>]*\\bid=" + quoted + "(?:[^>]*/>|[^>]*(?<!/)>[\\s\\S]*?</iq>)"));
        if (!answer.matches("(?s)<iq\\b[^>]*\\btype=['\"]result['\"].*")) {
            throw new IOException(jid + ": " + id + " failed: " + answer);
        }
    }

    private void send(String s) throws IOException {
        write(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads until {@code p} matches what was received and not consumed yet; consumes up to the end of the match and
     * returns the match. Bytes are kept one char each (ISO-8859-1), so the rest can be scanned as bytes later.
     */
    private String read(Pattern p) throws IOException {
        byte[] buf = new byte[8192];
        while (true) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                String match = m.group();
                text.delete(0, m.end());
                return match;
            }
            if (text.indexOf("</stream:stream>") >= 0 || text.indexOf("<stream:error") >= 0) {
                throw new IOException(jid + ": the server closed the stream: " + text);
            }
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                throw new IOException(jid + ": waited in vain for " + p + "; received: " + text, e);
            }
            if (n < 0) {
                throw new IOException(jid + ": the server closed the connection; received: " + text);
            }
            text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            synchronized (out) {
                out.write("</stream:stream>".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            log.debug("closing {}: {}", jid, e.toString());
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing {}: {}", jid, e.toString());
        }
    }
}
