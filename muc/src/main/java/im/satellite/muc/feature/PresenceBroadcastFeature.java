package im.satellite.muc.feature;

import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Role;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomKey;

/**
 * {@code muc#roomconfig_presencebroadcast} (XEP-0045 §7.2.3, §10.2, §15.5.3): the roles whose presence is sent to
 * the other occupants; default all three. An occupant of another role still gets its own presence (110) and the
 * whole room's, but the others neither see it enter nor get its presence in their occupant lists; when it leaves,
 * the others are not told either.
 */
public final class PresenceBroadcastFeature implements RoomFeature {
    public static final RoomKey<String> ROLES = RoomKey.string("presence_broadcast", "moderator,participant,visitor");

    @Override
    public String name() {
        return "presence_broadcast";
    }

    @Override
    public void register(RoomHooks on) {
        Features.rolesField(on, ConfigOrder.PRESENCE_BROADCAST, "muc#roomconfig_presencebroadcast",
                "Roles for which Presence is Broadcasted", ROLES);
    }

    /** Whether occupants of role {@code r} have their presence sent to the others. */
    public static boolean broadcasts(Room room, Role r) {
        return Features.roles(room.get(ROLES)).contains(r.xml());
    }
}
