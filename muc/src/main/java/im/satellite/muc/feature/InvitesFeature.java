package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Role;
import im.satellite.muc.room.RoomKey;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §7.8.2 mediated invitations, governed by {@code muc#roomconfig_allowinvites}: when it is off, only
 * moderators may invite; visitors never may. A refused inviter gets forbidden.
 */
public final class InvitesFeature implements RoomFeature {
    public static final RoomKey<Boolean> ALLOW_INVITES = RoomKey.bool("allow_invites", false);

    @Override
    public String name() {
        return "invites";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().bool(ConfigOrder.INVITES, "muc#roomconfig_allowinvites",
                "Allow Occupants to Invite Others?", e.room().get(ALLOW_INVITES)));
        Features.boolField(on, "muc#roomconfig_allowinvites", ALLOW_INVITES);
        on.preInvite(0, e -> {
            Role r = e.from().role();
            boolean ok = r == Role.MODERATOR || r == Role.PARTICIPANT && e.room().get(ALLOW_INVITES);
            return ok ? HookResult.CONTINUE
                    : HookResult.reject(PacketError.Condition.forbidden, "you may not invite to this room");
        });
        on.discoInfo(e -> e.form().bool(70, "muc#roominfo_allowinvites", "Occupants May Invite",
                e.room().get(ALLOW_INVITES)));
    }
}
