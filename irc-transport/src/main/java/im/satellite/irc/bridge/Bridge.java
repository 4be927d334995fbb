package im.satellite.irc.bridge;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xmpp.packet.JID;

/** One XMPP user's IRC sessions, by network (the biboumi "Bridge"). Lane-owned: only the user's lane touches it. */
public final class Bridge {
    private final JID user;
    private final Map<String, NetworkSession> sessions = new LinkedHashMap<>();

    public Bridge(JID user) {
        this.user = user;
    }

    public JID user() {
        return user;
    }

    public NetworkSession session(String network) {
        NetworkSession s = sessions.get(network);
        return s == null || s.isClosed() ? null : s;
    }

    public void put(NetworkSession s) {
        sessions.put(s.network, s);
    }

    public void remove(String network) {
        sessions.remove(network);
    }

    public Collection<NetworkSession> sessions() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }

    /** A new session wired to its IRC event translator; the caller sets the connection and connects. */
    public static NetworkSession newSession(String network, JID user, String gateway, im.satellite.core.Outbound out,
                                            Runnable onClosed) {
        return new NetworkSession(network, user, gateway, out, onClosed);
    }

    /** The IRC listener of a session. */
    public static im.satellite.irc.client.IrcConnection.Listener events(NetworkSession s) {
        return new IrcEvents(s);
    }

    /** Attaches the connection to its session. */
    public static void attach(NetworkSession s, im.satellite.irc.client.IrcConnection c) {
        s.conn = c;
    }
}
