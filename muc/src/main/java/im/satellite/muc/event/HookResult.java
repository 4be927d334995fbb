package im.satellite.muc.event;

import im.satellite.core.error.StanzaException;
import org.xmpp.packet.PacketError;

/**
 * What a vetoable hook answers (STYLE 7.4): go on, or stop the chain with the error the core sends back.
 *
 * @param error the refusal, or null to continue
 */
public record HookResult(StanzaException error) {
    public static final HookResult CONTINUE = new HookResult(null);

    public static HookResult reject(PacketError.Condition condition, String text) {
        return new HookResult(new StanzaException(condition, text));
    }

    public static HookResult reject(PacketError.Condition condition, PacketError.Type type, String text) {
        return new HookResult(new StanzaException(condition, type, text));
    }

    public boolean rejected() {
        return error != null;
    }

    /** Throws the refusal, if any. */
    public void orThrow() {
        if (error != null) {
            throw error;
        }
    }
}
