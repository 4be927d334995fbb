package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.RoomKey;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §7.2.7 members-only rooms ({@code muc#roomconfig_membersonly}): a non-member is refused with
 * registration-required. (Removing non-members when the room becomes members-only, status 322, is done by the owner
 * handler after the form is accepted.)
 */
public final class MembersOnlyFeature implements RoomFeature {
    public static final RoomKey<Boolean> MEMBERS_ONLY = RoomKey.bool("members_only", false);

    @Override
    public String name() {
        return "members_only";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().bool(ConfigOrder.MEMBERS_ONLY, "muc#roomconfig_membersonly",
                "Make Room Members-Only?", e.room().get(MEMBERS_ONLY)));
        Features.boolField(on, "muc#roomconfig_membersonly", MEMBERS_ONLY);
        on.preJoin(-10, e -> e.room().get(MEMBERS_ONLY) && e.affiliation().rank() < Affiliation.MEMBER.rank()
                ? HookResult.reject(PacketError.Condition.registration_required, "the room is members-only")
                : HookResult.CONTINUE);
        on.discoInfo(e -> e.feature(e.room().get(MEMBERS_ONLY) ? "muc_membersonly" : "muc_open"));
    }
}
