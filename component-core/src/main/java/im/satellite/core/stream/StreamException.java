package im.satellite.core.stream;

/**
 * A stream-level failure (RFC 6120 §4.9): the condition is sent to the peer as a stream error before the stream is
 * closed.
 */
public final class StreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String condition;

    public StreamException(String condition, String text) {
        super(condition + ": " + text);
        this.condition = condition;
    }

    /** The RFC 6120 §4.9.3 condition name, e.g. {@code policy-violation}. */
    public String condition() {
        return condition;
    }

    /** The human-readable text sent in the stream error. */
    public String text() {
        String m = getMessage();
        return m.substring(condition.length() + 2);
    }
}
