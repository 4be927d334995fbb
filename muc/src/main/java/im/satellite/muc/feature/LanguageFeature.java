package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;

/** XEP-0045 §10.2: the room's {@code muc#roomconfig_lang} field (Natural Language for Room Discussions). */
public final class LanguageFeature implements RoomFeature {
    public static final RoomKey<String> LANGUAGE = RoomKey.string("lang", "");
    private static final RoomKey<String> KEY = LANGUAGE;

    @Override
    public String name() {
        return "language";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().text(ConfigOrder.LANGUAGE, "muc#roomconfig_lang", "Natural Language for Room Discussions",
                e.room().get(KEY)));
        on.configField("muc#roomconfig_lang", e -> {
            e.update(KEY, e.value());
            return HookResult.CONTINUE;
        });
        on.discoInfo(e -> e.form().text(30, "muc#roominfo_lang", "Language of discussion", e.room().get(KEY)));
    }
}
