package im.satellite.muc.room;

import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Room nicknames (XEP-0045 §17.1): the Resourceprep profile of stringprep (RFC 6122), which the service applies to
 * every nick it is given. Host servers normally prepare addresses before routing them to a component; a nick that
 * still changes (e.g. full-width letters or compatibility characters that reach the component unprepared) is the
 * service modifying the nick, announced with status 210 (§7.2.9, §7.6).
 */
public final class Nicks {
    private Nicks() {
    }

    /** The prepared nick; empty when it is not a valid resource or is empty or invisible once prepared. */
    public static Optional<String> prep(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            String p = JID.resourceprep(raw);
            return p == null || p.isBlank() ? Optional.empty() : Optional.of(p);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The nick to look an occupant up by: prepared when possible, else as given (it then matches nobody). */
    public static String lookup(String raw) {
        return prep(raw).orElse(raw == null ? "" : raw);
    }
}
