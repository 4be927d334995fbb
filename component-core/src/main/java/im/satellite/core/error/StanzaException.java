package im.satellite.core.error;

import java.util.Objects;
import org.xmpp.packet.PacketError;

/**
 * A stanza-level error (RFC 6120 §8.3) thrown by a handler or feature; the router turns it into the error reply, with
 * {@code by} set to the service or room (STYLE 7.6). The condition is kept as its XMPP name, so conditions Tinder's
 * enum lacks (e.g. {@code policy-violation}, RFC 6120 §8.3.3.12) work too.
 */
public final class StanzaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String condition;
    private final PacketError.Type type;
    private final String text;

    public StanzaException(PacketError.Condition condition, PacketError.Type type, String text) {
        this(condition.toXMPP(), type, text);
    }

    public StanzaException(PacketError.Condition condition, String text) {
        this(condition.toXMPP(), condition.getDefaultType(), text);
    }

    public StanzaException(PacketError.Condition condition) {
        this(condition.toXMPP(), condition.getDefaultType(), null);
    }

    public StanzaException(String condition, PacketError.Type type, String text) {
        super(condition + (text == null ? "" : ": " + text), null, false, false);
        this.condition = Objects.requireNonNull(condition);
        this.type = Objects.requireNonNull(type);
        this.text = text;
    }

    /** RFC 6120 §8.3.3.12: the entity violated a local policy (e.g. a rate limit). */
    public static StanzaException policyViolation(String text) {
        return new StanzaException("policy-violation", PacketError.Type.modify, text);
    }

    public String condition() {
        return condition;
    }

    public PacketError.Type type() {
        return type;
    }

    /** Human-readable text for the error, or null. */
    public String text() {
        return text;
    }
}
