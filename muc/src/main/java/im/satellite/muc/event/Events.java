package im.satellite.muc.event;

import im.satellite.muc.element.DataForm;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomKey;
import im.satellite.muc.room.RoomState;
import java.util.List;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * The typed room events (STYLE 7.4), named after Prosody's. All are fired on the room's lane.
 */
public final class Events {
    private Events() {
    }

    /** {@code muc-occupant-pre-join}: a user asks to enter (XEP-0045 §7.2); vetoable. */
    public record PreJoin(Room room, JID from, String nick, Presence presence, Affiliation affiliation) {
        /** The password given in the join element, or null. */
        public String password() {
            Element x = presence.getChildElement("x", im.satellite.muc.element.MucNs.MUC);
            return x == null || x.element("password") == null ? null : x.elementText("password");
        }
    }

    /** {@code muc-occupant-pre-change}: an occupant asks to change its nick (XEP-0045 §7.6); vetoable. */
    public record PreChange(Room room, Occupant occupant, String newNick) {
    }

    /** {@code muc-get-default-role}: the role a user of this affiliation gets on entering. */
    public record DefaultRole(Room room, Affiliation affiliation) {
    }

    /** {@code muc-occupant-session-new}: a session entered; history and subject are sent here (§7.2.15-16). */
    public record SessionNew(Room room, Occupant occupant, JID session, Element join) {
    }

    /** {@code muc-disco#info}: features and roominfo fields of a room (§6.4). */
    public record RoomDiscoInfo(Room room, Set<String> features, DataForm form) {
        public void feature(String f) {
            features.add(f);
        }
    }

    /** {@code muc-config-form}: the owner's configuration form is being built (§10.2). */
    public record ConfigForm(Room room, DataForm form) {
    }

    /**
     * {@code muc-config-submitted/<field>}: one submitted field (§10.2). Updates go to {@code draft}; the room takes
     * the draft only when every field was accepted.
     */
    public record ConfigField(Room room, RoomState draft, String var, List<String> values, Set<Integer> codes) {
        public String value() {
            return values.isEmpty() ? "" : values.get(0).trim();
        }

        public <T> void update(RoomKey<T> key, T value) {
            draft.set(key, value);
        }

        /** Adds a status code to the configuration change notice (e.g. 172, §10.2.1). */
        public void statusCode(int code) {
            codes.add(code);
        }
    }

    /** {@code muc-occupant-groupchat}: an occupant sends a groupchat message (§7.4); vetoable. */
    public record Groupchat(Room room, Occupant from, Message message) {
    }

    /** {@code muc-broadcast-message}: a message is being broadcast (recorded as history). */
    public record BroadcastMessage(Room room, Message message) {
    }

    /** {@code muc-private-message}: an occupant messages another privately (§7.5); vetoable. */
    public record PrivateMessage(Room room, Occupant from, Occupant to, Message message) {
    }

    /** {@code muc-pre-invite}: an occupant invites someone (§7.8.2); vetoable. */
    public record PreInvite(Room room, Occupant from, JID invitee) {
    }

    /**
     * {@code muc-build-occupant-presence}: an occupant's presence as one viewer gets it is being built (XEP-0045
     * §7.2.3); features add their elements (e.g. XEP-0317 hats).
     */
    public record BuildPresence(Room room, Occupant occupant, Presence presence, boolean unavailable) {
    }
}
