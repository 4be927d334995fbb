package im.satellite.bench.muc;

import im.satellite.core.testkit.ComponentHandshake;
import im.satellite.bench.link.StanzaScanner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end benchmark's ceiling for any external MUC component: a fan-out that does nothing else. It speaks
 * XEP-0114 on one blocking socket and one thread, answers every join with the self-presence (nothing else: no
 * occupant list, no roles, no archive, no stanza-id, no checks) and every iq with an empty result, and sends each
 * groupchat message back as one XEP-0033 stanza to the server's multicast service with every occupant as a
 * {@code bcc} address. Its replies to one read go out in one write. What the server spends on such a component's
 * traffic is what it would spend on any component's; the gap between this row and the built-in {@code mod_muc} is
 * therefore the part of the gap no component can close. With {@code markup}, each message also carries what
 * Satellite's MUC adds to every groupchat message, an XEP-0421 occupant-id and an XEP-0359 stanza-id (of the same
 * lengths; the server parses and copies them for each recipient), so that the row is the ceiling for a component
 * that delivers what Satellite delivers. Not a MUC: only for the benchmark's own clients, which
 * send well-formed stanzas with quoted attributes.
 */
final class BareFanOut implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BareFanOut.class);
    private static final Pattern ATTR = Pattern.compile("\\b(from|to|type|id)=(['\"])(.*?)\\2");
    /** Satellite's stanza-ids are 16 random bytes in unpadded base64url; its occupant-ids 32 bytes in base64. */
    private static final int STANZA_ID_LENGTH = 22;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String domain;
    private final String multicast;
    private final boolean markup;
    /** Occupant (room/nick) to its occupant-id, and the stanza-ids handed out; with {@link #markup} only. */
    private final Map<String, String> occupantIds = new HashMap<>();
    private long stanzas;
    /** Room (bare JID) to occupants' real JIDs, and real JID to nick per room; only the reader thread uses them. */
    private final Map<String, List<String>> occupants = new HashMap<>();
    private final Map<String, String> nicks = new HashMap<>();
    private final Thread thread;
    /** Finds where each stanza ends in what {@link #held} keeps (the reader thread's only, as the fields below). */
    private final StanzaScanner scanner = new StanzaScanner(id -> stanzaEnded());
    private byte[] held = new byte[64 * 1024];
    /** Where the stanza being received starts in {@link #held}, and where what it holds ends. */
    private int start;
    private int length;
    /** The stream offset of {@code held[0]}. */
    private long base;
    private volatile long threadId = -1;
    private volatile boolean closed;

    private BareFanOut(Socket socket, String domain, String multicast, boolean markup) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 256 * 1024);
        this.domain = domain;
        this.multicast = multicast;
        this.markup = markup;
        this.thread = new Thread(this::run, "bare-fan-out");
        thread.setDaemon(true);
    }

    /** Connects to the server's component port as {@code domain}, completes the handshake and starts reading. */
    static BareFanOut connect(String host, int port, String domain, String secret, String multicast,
            boolean markup, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) timeout.toMillis());
            BareFanOut c = new BareFanOut(s, domain, multicast, markup);
            ComponentHandshake.perform(c.in, c.out, domain, secret);
            s.setSoTimeout(0);
            c.thread.start();
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** CPU seconds its thread used so far (it is the only thread that does its work). */
    double cpuSeconds() {
        long id = threadId;
        return id < 0 ? 0 : ManagementFactory.getThreadMXBean().getThreadCpuTime(id) / 1e9;
    }

    private void run() {
        threadId = Thread.currentThread().getId();
        byte[] buf = new byte[256 * 1024];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                hold(buf, n);
                scanner.feed(buf, 0, n);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                log.warn("{}: {}", domain, e.toString());
            }
        }
    }

    /** Keeps what was read behind the bytes of the stanza being received, dropping those already handled. */
    private void hold(byte[] buf, int n) {
        System.arraycopy(held, start, held, 0, length - start);
        base += start;
        length -= start;
        start = 0;
        if (length + n > held.length) {
            held = Arrays.copyOf(held, Math.max(2 * held.length, length + n));
        }
        System.arraycopy(buf, 0, held, length, n);
        length += n;
    }

    /** Called by the scanner at the last '>' of each stanza. */
    private void stanzaEnded() {
        int end = (int) (scanner.position() - base);
        String stanza = new String(held, start, end - start, StandardCharsets.UTF_8).strip();
        start = end;
        try {
            handle(stanza);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index of the '>' that ends the tag starting at {@code start} (quoted attribute values skipped), or -1. */
    private static int tagEnd(CharSequence s, int start) {
        char quote = 0;
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return -1;
    }

    private void handle(String stanza) throws IOException {
        int headEnd = tagEnd(stanza, 0);
        String head = stanza.substring(0, headEnd + 1);
        Map<String, String> a = new HashMap<>();
        for (Matcher m = ATTR.matcher(head); m.find(); ) {
            a.putIfAbsent(m.group(1), m.group(3));
        }
        String from = a.get("from");
        String to = a.get("to");
        if (from == null || to == null) {
            return;
        }
        if (stanza.startsWith("<presence")) {
            int slash = to.indexOf('/');
            if (a.get("type") == null && slash > 0) {
                String room = to.substring(0, slash);
                occupants.computeIfAbsent(room, r -> new ArrayList<>()).add(from);
                nicks.put(room + " " + from, to.substring(slash + 1));
                write("<presence from='" + to + "' to='" + from + "'" + idAttr(a) + "><x xmlns='http://jabber.org/"
                        + "protocol/muc#user'><item affiliation='none' role='participant'/><status code='110'/>"
                        + "</x></presence>");
            }
        } else if (stanza.startsWith("<iq")) {
            String type = a.get("type");
            if ("get".equals(type) || "set".equals(type)) {
                write("<iq type='result' from='" + to + "' to='" + from + "'" + idAttr(a) + "/>");
            }
        } else if (stanza.startsWith("<message") && "groupchat".equals(a.get("type"))) {
            List<String> list = occupants.get(to);
            String nick = nicks.get(to + " " + from);
            if (list == null || nick == null || headEnd == stanza.length() - 1) {
                return;
            }
            StringBuilder m = new StringBuilder(128 + 48 * list.size());
            m.append("<message from='").append(to).append('/').append(nick).append("' to='").append(multicast)
                    .append("' type='groupchat'").append(idAttr(a)).append("><addresses xmlns='http://jabber.org/")
                    .append("protocol/address'>");
            for (String jid : list) {
                m.append("<address type='bcc' jid='").append(jid).append("'/>");
            }
            m.append("</addresses>");
            if (markup) {
                String occupant = occupantIds.computeIfAbsent(to + "/" + nick, BareFanOut::occupantId);
                String sid = Long.toString(++stanzas, 36);
                m.append("<occupant-id xmlns='urn:xmpp:occupant-id:0' id='").append(occupant).append("'/>")
                        .append("<stanza-id xmlns='urn:xmpp:sid:0' by='").append(to).append("' id='")
                        .append("A".repeat(STANZA_ID_LENGTH - sid.length())).append(sid).append("'/>");
            }
            m.append(stanza, headEnd + 1, stanza.length());
            write(m.toString());
        }
    }

    /** An occupant-id as long as Satellite's (a SHA-256 in base64), made without hashing. */
    private static String occupantId(String occupant) {
        String h = Integer.toHexString(occupant.hashCode());
        return (h + "x".repeat(44)).substring(0, 43) + "=";
    }

    private static String idAttr(Map<String, String> a) {
        String id = a.get("id");
        return id == null ? "" : " id='" + id + "'";
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }
}
