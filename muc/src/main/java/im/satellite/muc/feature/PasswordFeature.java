package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §7.2.6 password-protected rooms ({@code muc#roomconfig_passwordprotectedroom},
 * {@code muc#roomconfig_roomsecret}): entering without the right password is refused with not-authorized.
 */
public final class PasswordFeature implements RoomFeature {
    public static final RoomKey<Boolean> PROTECTED = RoomKey.bool("password_protected", false);
    public static final RoomKey<String> SECRET = RoomKey.string("password", "");

    @Override
    public String name() {
        return "password";
    }

    /** Whether entering needs a password. */
    public static boolean required(im.satellite.muc.room.Room room) {
        return room.get(PROTECTED) && room.state().has(SECRET);
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> {
            e.form().bool(ConfigOrder.PASSWORD_PROTECTED, "muc#roomconfig_passwordprotectedroom",
                    "Password Required to Enter?", e.room().get(PROTECTED));
            e.form().add(ConfigOrder.PASSWORD, "muc#roomconfig_roomsecret", "text-private", "Password",
                    e.room().state().has(SECRET) ? java.util.List.of(e.room().get(SECRET)) : java.util.List.of());
        });
        Features.boolField(on, "muc#roomconfig_passwordprotectedroom", PROTECTED);
        on.configField("muc#roomconfig_roomsecret", e -> {
            e.update(SECRET, e.values().isEmpty() ? "" : e.values().get(0));
            return HookResult.CONTINUE;
        });
        on.preJoin(-20, e -> {
            if (!required(e.room())) {
                return HookResult.CONTINUE;
            }
            String given = e.password();
            boolean ok = given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    e.room().get(SECRET).getBytes(StandardCharsets.UTF_8));
            return ok ? HookResult.CONTINUE
                    : HookResult.reject(PacketError.Condition.not_authorized, "a password is required to enter");
        });
        on.discoInfo(e -> e.feature(required(e.room()) ? "muc_passwordprotected" : "muc_unsecured"));
    }
}
