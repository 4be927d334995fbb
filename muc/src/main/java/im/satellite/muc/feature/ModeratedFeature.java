package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Role;
import im.satellite.muc.room.RoomKey;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §4.2 moderated rooms ({@code muc#roomconfig_moderatedroom}): users without affiliation enter as visitors
 * (§5.1), and a visitor's groupchat message is refused with forbidden (§7.4). Voice requests (§7.13) are handled by
 * the groupchat handler.
 */
public final class ModeratedFeature implements RoomFeature {
    public static final RoomKey<Boolean> MODERATED = RoomKey.bool("moderated", false);

    @Override
    public String name() {
        return "moderated";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().bool(ConfigOrder.MODERATED, "muc#roomconfig_moderatedroom",
                "Make Room Moderated?", e.room().get(MODERATED)));
        Features.boolField(on, "muc#roomconfig_moderatedroom", MODERATED);
        on.defaultRole(e -> e.room().get(MODERATED) && e.affiliation() == Affiliation.NONE ? Role.VISITOR : null);
        on.groupchat(0, e -> e.from().role().rank() < Role.PARTICIPANT.rank() && e.message().getSubject() == null
                ? HookResult.reject(PacketError.Condition.forbidden, "visitors may not speak in this room")
                : HookResult.CONTINUE);
        on.discoInfo(e -> e.feature(e.room().get(MODERATED) ? "muc_moderated" : "muc_unmoderated"));
    }
}
