package im.satellite.bench.link;

/**
 * Counts the stanzas of an XMPP stream by scanning bytes, without parsing XML: a small state machine tracks
 * element depth (start tags, end tags, empty-element tags, quoted attribute values, processing instructions)
 * and reads a numeric {@code id} attribute of each stanza's start tag. Depth 1 is inside
 * {@code <stream:stream>}, where it starts (after the handshake); an element that closes back to depth 1 is a
 * stanza. It assumes well-formed input, as produced by an XMPP server or component. Not thread-safe: one
 * receive thread feeds it.
 */
public final class StanzaScanner {
    private static final int TEXT = 0;
    private static final int LT = 1;
    private static final int START = 2;
    private static final int END = 3;
    private static final int QUOTE = 4;
    private static final int SKIP = 5;
    /** Progress over {@code " id="}: 1 after the space, 4 after the equals sign. */
    private static final int ID_MATCHED = 4;

    private final StanzaListener listener;
    private int state = TEXT;
    private int depth = 1;
    private byte quote;
    private boolean slash;
    private int idMatch;
    private boolean capturing;
    private boolean idValid;
    private long idValue;
    private long stanzaId = -1;
    private long position;

    public StanzaScanner(StanzaListener listener) {
        this.listener = listener;
    }

    /**
     * Bytes scanned so far. Inside {@link StanzaListener#onStanza}, the stream offset just past that stanza's last
     * {@code >}, so a reader that keeps the bytes can cut the stanza out.
     */
    public long position() {
        return position;
    }

    /** Scans {@code len} bytes of {@code buf} from {@code off}. */
    public void feed(byte[] buf, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            byte b = buf[i];
            position++;
            switch (state) {
                case TEXT -> {
                    if (b == '<') {
                        state = LT;
                    }
                }
                case LT -> lt(b);
                case START -> start(b);
                case QUOTE -> quoted(b);
                case END -> {
                    if (b == '>') {
                        depth--;
                        elementEnded();
                    }
                }
                default -> {
                    if (b == '>') {
                        state = TEXT;
                    }
                }
            }
        }
    }

    private void lt(byte b) {
        if (b == '/') {
            state = END;
        } else if (b == '?' || b == '!') {
            state = SKIP;
        } else {
            depth++;
            state = START;
            slash = false;
            idMatch = 0;
            if (depth == 2) {
                stanzaId = -1;
            }
        }
    }

    private void start(byte b) {
        if (b == '"' || b == '\'') {
            quote = b;
            state = QUOTE;
            capturing = depth == 2 && idMatch == ID_MATCHED;
            idValue = 0;
            idValid = true;
            idMatch = 0;
            slash = false;
        } else if (b == '>') {
            if (slash) {
                depth--;
                elementEnded();
            } else {
                state = TEXT;
            }
        } else {
            slash = b == '/';
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                idMatch = 1;
            } else if (idMatch == 1 && b == 'i' || idMatch == 2 && b == 'd' || idMatch == 3 && b == '=') {
                idMatch++;
            } else {
                idMatch = 0;
            }
        }
    }

    private void quoted(byte b) {
        if (b == quote) {
            state = START;
            if (capturing) {
                stanzaId = idValid ? idValue : -1;
                capturing = false;
            }
        } else if (capturing) {
            if (b >= '0' && b <= '9' && idValue < Long.MAX_VALUE / 10) {
                idValue = idValue * 10 + (b - '0');
            } else {
                idValid = false;
            }
        }
    }

    private void elementEnded() {
        state = TEXT;
        if (depth == 1) {
            listener.onStanza(stanzaId);
        } else if (depth == 0) {
            listener.onStreamEnd();
        }
    }
}
