package im.satellite.muc.room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * One occupant of a room (XEP-0045 §5): a nick, a role, and one or more sessions (full JIDs of the same bare JID,
 * §7.2.8 "multi-session nicks") with the last presence each sent. Touched only on the room's lane.
 */
public final class Occupant {
    private String nick;
    private final JID bareJid;
    private Role role;
    private final Map<JID, Presence> sessions = new LinkedHashMap<>();
    private boolean announced;
    private final String occupantId;

    public Occupant(String nick, JID bareJid, Role role, String occupantId) {
        this.nick = Objects.requireNonNull(nick);
        this.bareJid = Objects.requireNonNull(bareJid);
        this.role = Objects.requireNonNull(role);
        this.occupantId = Objects.requireNonNull(occupantId);
    }

    /** The XEP-0421 occupant id the room stamps on this occupant's presences and messages. */
    public String occupantId() {
        return occupantId;
    }

    public String nick() {
        return nick;
    }

    void nick(String newNick) {
        this.nick = newNick;
    }

    public JID bareJid() {
        return bareJid;
    }

    public Role role() {
        return role;
    }

    public void role(Role r) {
        this.role = Objects.requireNonNull(r);
    }

    /** Whether the other occupants were last sent an available presence of this occupant (§7.2.3 broadcast). */
    public boolean announced() {
        return announced;
    }

    public void announced(boolean a) {
        this.announced = a;
    }

    public List<JID> sessions() {
        return new ArrayList<>(sessions.keySet());
    }

    /** The first session's full JID: the one shown as the occupant's real JID. */
    public JID primary() {
        return sessions.keySet().iterator().next();
    }

    /** The presence the occupant shows: the latest of its primary session. */
    public Presence presence() {
        return sessions.get(primary());
    }

    /** The latest presence of one session, or null. */
    public Presence presence(JID session) {
        return sessions.get(session);
    }

    void putSession(JID full, Presence p) {
        sessions.put(full, p);
    }

    boolean removeSession(JID full) {
        sessions.remove(full);
        return sessions.isEmpty();
    }

    public boolean hasSession(JID full) {
        return sessions.containsKey(full);
    }
}
