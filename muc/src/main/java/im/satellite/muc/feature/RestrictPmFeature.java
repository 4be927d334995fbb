package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Role;
import im.satellite.muc.room.RoomKey;
import java.util.Set;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §7.5 private messages, governed by {@code muc#roomconfig_allowpm}: {@code anyone}, {@code participants}
 * (participants and moderators), {@code moderators} or {@code none}. A refused sender gets forbidden.
 */
public final class RestrictPmFeature implements RoomFeature {
    public static final RoomKey<String> ALLOW_PM = RoomKey.string("allow_pm", "anyone");
    private static final Set<String> VALUES = Set.of("anyone", "participants", "moderators", "none");

    @Override
    public String name() {
        return "restrict_pm";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().listSingle(ConfigOrder.PM, "muc#roomconfig_allowpm",
                "Roles that May Send Private Messages", e.room().get(ALLOW_PM), "anyone", "Anyone",
                "participants", "Anyone with Voice", "moderators", "Moderators Only", "none", "Nobody"));
        on.configField("muc#roomconfig_allowpm", e -> {
            if (!VALUES.contains(e.value())) {
                return Features.notAcceptable(e.var());
            }
            e.update(ALLOW_PM, e.value());
            return HookResult.CONTINUE;
        });
        on.privateMessage(0, e -> {
            Role r = e.from().role();
            boolean ok = switch (e.room().get(ALLOW_PM)) {
                case "participants" -> r.rank() >= Role.PARTICIPANT.rank();
                case "moderators" -> r == Role.MODERATOR;
                case "none" -> false;
                default -> true;
            };
            return ok ? HookResult.CONTINUE
                    : HookResult.reject(PacketError.Condition.forbidden, "private messages are not allowed here");
        });
    }
}
