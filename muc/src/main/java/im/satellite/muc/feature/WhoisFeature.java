package im.satellite.muc.feature;

import im.satellite.muc.element.StatusCode;
import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;

/**
 * XEP-0045 §4.2 semi-anonymous and non-anonymous rooms ({@code muc#roomconfig_whois}): who sees occupants' real
 * JIDs. A change is announced with status 172 (now non-anonymous) or 173 (now semi-anonymous), §10.2.1.
 */
public final class WhoisFeature implements RoomFeature {
    public static final String ANYONE = "anyone";
    public static final String MODERATORS = "moderators";
    public static final RoomKey<String> WHOIS = RoomKey.string("whois", MODERATORS);

    @Override
    public String name() {
        return "whois";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().listSingle(ConfigOrder.WHOIS, "muc#roomconfig_whois",
                "Who May Discover Real JIDs?", e.room().get(WHOIS),
                MODERATORS, "Moderators Only", ANYONE, "Anyone"));
        on.configField("muc#roomconfig_whois", e -> {
            String v = e.value();
            if (!v.equals(ANYONE) && !v.equals(MODERATORS)) {
                return Features.notAcceptable(e.var());
            }
            if (!v.equals(e.room().get(WHOIS))) {
                e.statusCode(v.equals(ANYONE) ? StatusCode.NOW_NON_ANONYMOUS : StatusCode.NOW_SEMI_ANONYMOUS);
            }
            e.update(WHOIS, v);
            return HookResult.CONTINUE;
        });
        on.discoInfo(e -> e.feature(ANYONE.equals(e.room().get(WHOIS)) ? "muc_nonanonymous" : "muc_semianonymous"));
    }
}
