package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §7.6 with {@code muc#roomconfig_canchangenick}: when off, occupants keep the nick they entered with and a
 * nick change is refused with not-acceptable (the XEP's error when nicks are locked down).
 */
public final class NickChangeFeature implements RoomFeature {
    public static final RoomKey<Boolean> CAN_CHANGE_NICK = RoomKey.bool("can_change_nick", true);

    @Override
    public String name() {
        return "nick_change";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().bool(ConfigOrder.CHANGE_NICK, "muc#roomconfig_canchangenick",
                "Allow Occupants to Change Nicknames?", e.room().get(CAN_CHANGE_NICK)));
        Features.boolField(on, "muc#roomconfig_canchangenick", CAN_CHANGE_NICK);
        on.preChange(0, e -> e.room().get(CAN_CHANGE_NICK) ? HookResult.CONTINUE
                : HookResult.reject(PacketError.Condition.not_acceptable, "nick changes are not allowed here"));
    }
}
