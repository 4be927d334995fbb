package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;

/** XEP-0045 §10.2: the room's {@code muc#roomconfig_roomname} field (Natural-Language Room Name). */
public final class NameFeature implements RoomFeature {
    public static final RoomKey<String> NAME = RoomKey.string("name", "");
    private static final RoomKey<String> KEY = NAME;

    @Override
    public String name() {
        return "name";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().text(ConfigOrder.NAME, "muc#roomconfig_roomname", "Natural-Language Room Name",
                e.room().get(KEY)));
        on.configField("muc#roomconfig_roomname", e -> {
            e.update(KEY, e.value());
            return HookResult.CONTINUE;
        });
    }
}
