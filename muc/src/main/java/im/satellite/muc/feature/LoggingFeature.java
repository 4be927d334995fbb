package im.satellite.muc.feature;

import im.satellite.muc.element.StatusCode;
import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;

/**
 * XEP-0045 {@code muc#roomconfig_enablelogging}: whether the discussion is publicly logged. Satellite keeps no public
 * logs itself; the flag is announced (170/171 on change, 170 on entering, §10.2.1 and §7.2.12) so that an external
 * logger can honour it.
 */
public final class LoggingFeature implements RoomFeature {
    public static final RoomKey<Boolean> LOGGING = RoomKey.bool("logging", false);

    @Override
    public String name() {
        return "logging";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().bool(ConfigOrder.LOGGING, "muc#roomconfig_enablelogging",
                "Enable Public Logging?", e.room().get(LOGGING)));
        on.configField("muc#roomconfig_enablelogging", e -> Features.parseBool(e).map(v -> {
            if (v != e.room().get(LOGGING)) {
                e.statusCode(v ? StatusCode.LOGGING_ON : StatusCode.LOGGING_OFF);
            }
            e.update(LOGGING, v);
            return HookResult.CONTINUE;
        }).orElseGet(() -> Features.notAcceptable(e.var())));
        on.discoInfo(e -> {
            if (e.room().get(LOGGING)) {
                e.feature("muc_public_logging");
            }
        });
    }
}
