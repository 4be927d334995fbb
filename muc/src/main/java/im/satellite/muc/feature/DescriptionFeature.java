package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;

/** XEP-0045 §10.2: the room's {@code muc#roomconfig_roomdesc} field (Short Description of Room). */
public final class DescriptionFeature implements RoomFeature {
    public static final RoomKey<String> DESCRIPTION = RoomKey.string("description", "");
    private static final RoomKey<String> KEY = DESCRIPTION;

    @Override
    public String name() {
        return "description";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().text(ConfigOrder.DESCRIPTION, "muc#roomconfig_roomdesc", "Short Description of Room",
                e.room().get(KEY)));
        on.configField("muc#roomconfig_roomdesc", e -> {
            e.update(KEY, e.value());
            return HookResult.CONTINUE;
        });
        on.discoInfo(e -> e.form().text(10, "muc#roominfo_description", "Description", e.room().get(KEY)));
    }
}
