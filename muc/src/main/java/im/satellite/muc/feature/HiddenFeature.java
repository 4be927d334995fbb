package im.satellite.muc.feature;

import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;

/**
 * XEP-0045 §4.2 public/hidden rooms ({@code muc#roomconfig_publicroom}): a hidden room is never listed in the
 * service's disco#items (§6.3) and says {@code muc_hidden} in its disco#info.
 */
public final class HiddenFeature implements RoomFeature {
    public static final RoomKey<Boolean> PUBLIC = RoomKey.bool("public", true);

    @Override
    public String name() {
        return "hidden";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().bool(ConfigOrder.PUBLIC, "muc#roomconfig_publicroom",
                "Make Room Publicly Searchable?", e.room().get(PUBLIC)));
        Features.boolField(on, "muc#roomconfig_publicroom", PUBLIC);
        on.discoInfo(e -> e.feature(e.room().get(PUBLIC) ? "muc_public" : "muc_hidden"));
    }
}
