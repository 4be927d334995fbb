package im.satellite.muc.feature;

import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;

/**
 * XEP-0045 §4.2 persistent/temporary rooms ({@code muc#roomconfig_persistentroom}): a persistent room is stored and
 * stays when empty; a temporary room goes away when its last occupant leaves.
 */
public final class PersistentFeature implements RoomFeature {
    public static final RoomKey<Boolean> PERSISTENT = RoomKey.bool("persistent", false);

    @Override
    public String name() {
        return "persistent";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().bool(ConfigOrder.PERSISTENT, "muc#roomconfig_persistentroom",
                "Make Room Persistent?", e.room().get(PERSISTENT)));
        Features.boolField(on, "muc#roomconfig_persistentroom", PERSISTENT);
        on.discoInfo(e -> e.feature(e.room().get(PERSISTENT) ? "muc_persistent" : "muc_temporary"));
    }
}
