package im.satellite.irc.bridge;

import java.util.Objects;
import org.xmpp.packet.JID;

/**
 * What a gateway JID's local part names (XEP-0100 §2 addressing, XEP-0106 escaping of the local part):
 * {@code #channel%irc.example.net} a channel, {@code nick%irc.example.net} a user, {@code irc.example.net} the server.
 * Whether a name is a channel is decided by the server's CHANTYPES once known; before that, RFC 1459's {@code #&+!}.
 *
 * @param kind    channel, user or server
 * @param name    the channel or nick, or null for the server
 * @param network the network name
 */
public record IrcAddress(Kind kind, String name, String network) {
    /** What the address names. */
    public enum Kind { CHANNEL, USER, SERVER }

    public IrcAddress {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(network);
    }

    /** Parses a gateway JID's local part; empty-named parts and a missing network are refused. */
    public static IrcAddress parse(JID jid, String chanTypes) {
        String node = jid.getNode();
        if (node == null || node.isEmpty()) {
            throw new IllegalArgumentException("no local part");
        }
        String local = JID.unescapeNode(node);
        int pct = local.lastIndexOf('%');
        if (pct < 0) {
            return new IrcAddress(Kind.SERVER, null, local.toLowerCase(java.util.Locale.ROOT));
        }
        String name = local.substring(0, pct);
        String network = local.substring(pct + 1).toLowerCase(java.util.Locale.ROOT);
        if (name.isEmpty() || network.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf(',') >= 0) {
            throw new IllegalArgumentException("bad IRC address: " + local);
        }
        Kind k = chanTypes.indexOf(name.charAt(0)) >= 0 ? Kind.CHANNEL : Kind.USER;
        return new IrcAddress(k, name, network);
    }

    /** The bare JID of a channel or user on {@code network} at {@code gateway}, escaped as XEP-0106 requires. */
    public static JID jid(String name, String network, String gateway) {
        return new JID(JID.escapeNode(name + "%" + network), gateway, null);
    }

    /** The server's JID. */
    public static JID serverJid(String network, String gateway) {
        return new JID(JID.escapeNode(network), gateway, null);
    }
}
