package im.satellite.muc.handler;

import im.satellite.muc.element.StatusCode;
import im.satellite.muc.room.Notice;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Room;
import java.util.List;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Ghost removal (XEP-0045 status 333, "removed because of an error"), as Prosody's {@code handle_kickable}: an error
 * bounced by an occupant's session (its server answering for a client that is gone) removes that session; the
 * others see the occupant leave with 333 and a status text naming the condition. Which errors mean the session is
 * gone follows Prosody's {@code kickable_error_conditions}; see docs/muc.md.
 */
final class Bounces {
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    /** XEP-0191: the error says the user blocked the sender; the session is alive. */
    private static final String BLOCKED = "urn:xmpp:blocking:errors";
    /** Prosody's kickable_error_conditions (plus an error without a defined condition). */
    static final Set<String> KICKABLE = Set.of("gone", "internal-server-error", "item-not-found", "jid-malformed",
            "recipient-unavailable", "redirect", "remote-server-not-found", "remote-server-timeout",
            "service-unavailable");

    private Bounces() {
    }

    /** The defined condition of an error stanza, or null when it has none (a malformed error). */
    static String condition(Packet p) {
        Element error = p.getElement().element("error");
        if (error == null) {
            return null;
        }
        for (Element c : error.elements()) {
            if (STANZAS.equals(c.getNamespaceURI()) && !c.getName().equals("text")) {
                return c.getName();
            }
        }
        return null;
    }

    /** Whether an error message means the session that sent it is gone. */
    static boolean kickable(Packet p) {
        Element error = p.getElement().element("error");
        if (error != null && error.element(org.dom4j.QName.get("blocked", BLOCKED)) != null) {
            return false;
        }
        String c = condition(p);
        return c == null || KICKABLE.contains(c);
    }

    /**
     * Removes the occupant session {@code session} that bounced {@code error}. Its last session going is the
     * occupant leaving (unavailable with 333 to the others; the gone session is not written to); when another
     * session remains and this one was shown, the others see the next one.
     */
    static void remove(Room room, JID session, Packet error) {
        Occupant o = room.occupantBySession(session);
        if (o == null) {
            return;
        }
        if (o.sessions().size() > 1) {
            boolean wasPrimary = o.primary().equals(session);
            room.removeSession(o, session);
            if (wasPrimary) {
                room.broadcastPresence(o, o.presence(), Notice.available(), o.sessions());
            }
            return;
        }
        String c = condition(error);
        Presence gone = new Presence(Presence.Type.unavailable);
        gone.setStatus("Kicked: " + (c == null ? "error" : c.replace('-', ' ')));
        room.broadcastPresence(o, gone, Notice.leaving(StatusCode.REMOVED_ERROR), List.of());
        room.removeSession(o, session);
        room.emptied();
    }
}
