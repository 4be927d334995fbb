package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §7.2.10 maximum occupants ({@code muc#roomconfig_maxusers}, 0 for no limit): a user entering a full room
 * is refused with service-unavailable; admins and owners may still enter.
 */
public final class MaxUsersFeature implements RoomFeature {
    public static final RoomKey<Integer> MAX_USERS = RoomKey.integer("max_users", 0);

    @Override
    public String name() {
        return "max_users";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> {
            int max = e.room().get(MAX_USERS);
            e.form().listSingle(ConfigOrder.MAX_USERS, "muc#roomconfig_maxusers", "Maximum Number of Occupants",
                    max == 0 ? "none" : Integer.toString(max), "10", "10", "20", "20", "30", "30", "50", "50",
                    "100", "100", "none", "None");
        });
        on.configField("muc#roomconfig_maxusers", e -> {
            String v = e.value();
            if (v.isEmpty() || v.equals("none")) {
                e.update(MAX_USERS, 0);
                return HookResult.CONTINUE;
            }
            try {
                int n = Integer.parseInt(v);
                if (n >= 0) {
                    e.update(MAX_USERS, n);
                    return HookResult.CONTINUE;
                }
            } catch (NumberFormatException ignored) {
                // refused below
            }
            return Features.notAcceptable(e.var());
        });
        on.preJoin(-30, e -> {
            int max = e.room().get(MAX_USERS);
            boolean full = max > 0 && e.room().occupantCount() >= max && !e.affiliation().isAdmin();
            return full ? HookResult.reject(PacketError.Condition.service_unavailable, "the room is full")
                    : HookResult.CONTINUE;
        });
        on.discoInfo(e -> {
            int max = e.room().get(MAX_USERS);
            if (max > 0) {
                e.form().text(60, "muc#roominfo_maxusers", "Maximum Number of Occupants", Integer.toString(max));
            }
        });
    }
}
