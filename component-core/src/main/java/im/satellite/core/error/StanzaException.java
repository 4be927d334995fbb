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
    /** An application-specific condition (RFC 6120 §8.3.4) as {@code {namespace}name}, or null. */
    private final String appCondition;

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
        this(condition, type, text, null);
    }

    private StanzaException(String condition, PacketError.Type type, String text, String appCondition) {
        super(condition + (text == null ? "" : ": " + text), null, false, false);
        this.condition = Objects.requireNonNull(condition);
        this.type = Objects.requireNonNull(type);
        this.text = text;
        this.appCondition = appCondition;
    }

    /**
     * This error with an application-specific condition element {@code <name xmlns='namespace'/>} next to the
     * defined one (RFC 6120 §8.3.4), e.g. XEP-0050's {@code <bad-sessionid/>}.
     */
    public StanzaException withAppCondition(String name, String namespace) {
        return new StanzaException(condition, type, text, "{" + namespace + "}" + name);
    }

    /** The application-specific condition as {@code {namespace}name}, or null. */
    public String appCondition() {
        return appCondition;
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
