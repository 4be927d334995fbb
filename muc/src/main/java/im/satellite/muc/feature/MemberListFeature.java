package im.satellite.muc.feature;

import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomKey;

/**
 * {@code muc#roomconfig_getmemberlist} (XEP-0045 §7.9, §15.5.3): the roles of occupants that may retrieve the
 * member list (a {@code muc#admin} get of {@code affiliation='member'}) besides admins and owners, who always may.
 * Default: moderators.
 */
public final class MemberListFeature implements RoomFeature {
    public static final RoomKey<String> ROLES = RoomKey.string("get_member_list", "moderator");

    @Override
    public String name() {
        return "get_member_list";
    }

    @Override
    public void register(RoomHooks on) {
        Features.rolesField(on, ConfigOrder.GET_MEMBER_LIST, "muc#roomconfig_getmemberlist",
                "Roles and Affiliations that May Retrieve Member List", ROLES);
    }

    /** Whether this occupant (null when not in the room) may get the member list by its role. */
    public static boolean mayGet(Room room, Occupant o) {
        return o != null && Features.roles(room.get(ROLES)).contains(o.role().xml());
    }
}
