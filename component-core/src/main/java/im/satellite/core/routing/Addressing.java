package im.satellite.core.routing;

import org.xmpp.packet.JID;

/**
 * Where a stanza is addressed relative to the service (STYLE 7.3): the service itself ({@code conference.example.org}),
 * an entity at it ({@code room@conference.example.org}) or a resource of an entity
 * ({@code room@conference.example.org/nick}).
 */
public enum Addressing {
    HOST, BARE, FULL;

    public static Addressing of(JID to) {
        if (to == null || to.getNode() == null) {
            return HOST;
        }
        return to.getResource() == null ? BARE : FULL;
    }

    /** The lower-case form used in route keys. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
