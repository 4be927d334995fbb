package im.satellite.bench.irc;

import im.satellite.bench.link.DriverLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The XMPP server's side of the gateway's component link, as the load driver plays it: it writes the users'
 * join presences and groupchat messages in 64 KiB batches, and reads what the gateway sends back by scanning
 * bytes (no XML parsing, like {@link im.satellite.bench.link.StanzaScanner}): each {@code <subject} is one room
 * shown to one user (the gateway sends the subject last, after the occupants and the self-presence), each
 * {@code type='error'} a refusal, and each {@code <body>i<digits>} the copy of message number {@code digits} sent
 * from an IRC client. The stanza scanner of the link runs as well; its ids are not used here.
 */
final class XmppSide {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(XmppSide.class);
    static final String DOMAIN = "localhost";
    private static final byte[] SUBJECT = "<subject".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_DQ = "type=\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_SQ = "type='error'".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "<body".getBytes(StandardCharsets.US_ASCII);
    private static final int BATCH = 64 * 1024;

    private final DriverLink link;
    private final String gateway;
    private final AtomicLong subjects = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong stanzas = new AtomicLong();
    private volatile LongConsumer onBody;
    private final byte[] batch = new byte[BATCH];
    private int pos;
    // Scanner state (receive thread only).
    private int subject;
    private int errorDq;
    private int errorSq;
    private int body;
    private int bodyState;
    private long bodyValue;
    private final byte[] recent = new byte[1024];
    private int recentPos;
    private final java.util.List<String> firstErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private StringBuilder capture;

    XmppSide(DriverLink link) {
        this.link = link;
        this.gateway = link.componentDomain();
        link.listen(id -> stanzas.incrementAndGet());
        link.tap(this::scan);
    }

    /** The room JID of an IRC channel on the benchmark network. */
    String room(String channel) {
        return channel + "%" + Ngircd.NAME + "@" + gateway;
    }

    static String user(String name) {
        return name + "@" + DOMAIN + "/bench";
    }

    /** Buffers a MUC join presence of {@code user} to {@code channel} as {@code nick}. */
    void join(String user, String channel, String nick) throws IOException {
        append("<presence from='" + user(user) + "' to='" + room(channel) + "/" + nick + "'><x xmlns="
                + "'http://jabber.org/protocol/muc'/></presence>");
    }

    /** Buffers a groupchat message with body {@code "x<seq> text"} and id {@code seq}. */
    void groupchat(String user, String channel, long seq, String text) throws IOException {
        append("<message from='" + user(user) + "' to='" + room(channel) + "' type='groupchat' id='" + seq
                + "'><body>x" + seq + " " + text + "</body></message>");
    }

    /** Buffers an unavailable presence (the user goes offline: the gateway leaves their rooms and QUITs). */
    void offline(String user) throws IOException {
        append("<presence from='" + user(user) + "' to='" + gateway + "' type='unavailable'/>");
    }

    private void append(String stanza) throws IOException {
        byte[] b = stanza.getBytes(StandardCharsets.UTF_8);
        if (pos + b.length > batch.length) {
            flush();
        }
        System.arraycopy(b, 0, batch, pos, b.length);
        pos += b.length;
    }

    /** Writes the batch. */
    void flush() throws IOException {
        if (pos > 0) {
            link.write(batch, 0, pos);
            pos = 0;
        }
    }

    /** Rooms shown to users so far (each join that succeeded). */
    long subjects() {
        return subjects.get();
    }

    /** Error stanzas received so far. */
    long errors() {
        return errors.get();
    }

    /** The bytes received before each of the first three errors, for the log. */
    java.util.List<String> firstErrors() {
        return firstErrors;
    }

    private String recentText() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < recent.length; k++) {
            sb.append((char) (recent[(recentPos + k) & (recent.length - 1)] & 0xff));
        }
        String t = sb.toString();
        int start = t.lastIndexOf("<presence", t.length() - 1);
        start = Math.max(start, t.lastIndexOf("<message"));
        return start >= 0 ? t.substring(start) : t;
    }

    /** Stanzas received so far. */
    long stanzas() {
        return stanzas.get();
    }

    /** Hands the number of each {@code i<seq>} body received from now on to {@code c} (null: none). */
    void onBody(LongConsumer c) {
        onBody = c;
    }

    private void scan(byte[] buf, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte b = buf[i];
            recent[recentPos++ & (recent.length - 1)] = b;
            if (capture != null) {
                capture.append((char) (b & 0xff));
                if (capture.length() > 600 || capture.lastIndexOf("</presence>") > 0
                        || capture.lastIndexOf("</message>") > 0) {
                    firstErrors.add(capture.toString());
                    capture = null;
                }
            }
            subject = step(SUBJECT, subject, b);
            if (subject == SUBJECT.length) {
                subjects.incrementAndGet();
                subject = 0;
            }
            errorDq = step(ERROR_DQ, errorDq, b);
            errorSq = step(ERROR_SQ, errorSq, b);
            if (errorDq == ERROR_DQ.length || errorSq == ERROR_SQ.length) {
                if (errors.incrementAndGet() <= 3 && capture == null) {
                    capture = new StringBuilder(recentText());
                }
                errorDq = 0;
                errorSq = 0;
            }
            bodyByte(b);
        }
    }

    /** {@code <body} [attributes] {@code >i} digits: states 0 matching, 1 in the tag, 2 expecting i, 3 digits. */
    private void bodyByte(byte b) {
        switch (bodyState) {
            case 0 -> {
                body = step(BODY, body, b);
                if (body == BODY.length) {
                    body = 0;
                    bodyState = 1;
                }
            }
            case 1 -> bodyState = b == '>' ? 2 : b == '<' ? 0 : 1;
            case 2 -> {
                bodyState = b == 'i' ? 3 : 0;
                bodyValue = 0;
            }
            default -> {
                if (b >= '0' && b <= '9') {
                    bodyValue = bodyValue * 10 + (b - '0');
                } else {
                    LongConsumer c = onBody;
                    if (c != null) {
                        c.accept(bodyValue);
                    }
                    bodyState = 0;
                }
            }
        }
    }

    /**
     * Waits until {@code n} joins have been answered, by the room (its subject) or by an error, or until nothing
     * changes for the join timeout; returns the rooms shown.
     */
    long awaitJoins(long n, java.time.Duration timeout) throws InterruptedException {
        long last = -1;
        long lastProgress = System.nanoTime();
        while (subjects() + errors() < n) {
            long now = subjects() + errors();
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                LOG.warn("joins stalled at {} of {}", now, n);
                break;
            }
            Thread.sleep(5);
        }
        if (errors() > 0) {
            LOG.warn("the gateway refused {} joins ({} of {} shown); the first: {}", errors(), subjects(),
                    n, firstErrors());
        }
        return subjects();
    }

    private static int step(byte[] pattern, int matched, byte b) {
        if (b == pattern[matched]) {
            return matched + 1;
        }
        return b == pattern[0] ? 1 : 0;
    }
}
