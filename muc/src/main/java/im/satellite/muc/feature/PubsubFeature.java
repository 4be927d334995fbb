package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;
import org.xmpp.packet.JID;

/**
 * {@code muc#roomconfig_pubsub} (XEP-0045 §6.4, §15.5.3): the XMPP URI (or JID) of a publish-subscribe node associated
 * with the room. The room only stores it and shows it in the owner form and as {@code muc#roominfo_pubsub}; an
 * empty value clears it; anything that is neither an {@code xmpp:} URI nor a JID is not-acceptable.
 */
public final class PubsubFeature implements RoomFeature {
    public static final RoomKey<String> NODE = RoomKey.string("pubsub", "");

    @Override
    public String name() {
        return "pubsub";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().text(ConfigOrder.PUBSUB, "muc#roomconfig_pubsub",
                "XMPP URI of Associated Publish-Subscribe Node", e.room().get(NODE)));
        on.configField("muc#roomconfig_pubsub", e -> {
            String v = e.value();
            if (!v.isEmpty() && !valid(v)) {
                return Features.notAcceptable(e.var());
            }
            e.update(NODE, v);
            return HookResult.CONTINUE;
        });
        on.discoInfo(e -> {
            String v = e.room().get(NODE);
            if (!v.isEmpty()) {
                e.form().text(90, "muc#roominfo_pubsub", "Associated pubsub node", v);
            }
        });
    }

    private static boolean valid(String v) {
        if (v.startsWith("xmpp:")) {
            return v.length() > "xmpp:".length() && v.chars().noneMatch(Character::isWhitespace);
        }
        try {
            new JID(v);
            return v.chars().noneMatch(Character::isWhitespace);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
