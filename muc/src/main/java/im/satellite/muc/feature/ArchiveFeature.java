package im.satellite.muc.feature;

import im.satellite.muc.element.MucNs;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;

/**
 * XEP-0313 archiving per room ({@code muc#roomconfig_enablearchiving}, default from {@code room-defaults.archiving}):
 * an archiving room stores its messages (group commit, see {@code RoomArchive}), serves MAM queries on its bare JID
 * and replays its history on entering from the archive; a room that does not keeps its history in memory. The room
 * advertises {@code urn:xmpp:mam:2} and {@code urn:xmpp:mam:2#extended} while it archives.
 */
public final class ArchiveFeature implements RoomFeature {
    public static final RoomKey<Boolean> ARCHIVING = RoomKey.bool("archiving", false);

    @Override
    public String name() {
        return "archive";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().bool(ConfigOrder.ARCHIVING, "muc#roomconfig_enablearchiving",
                "Archive Messages (XEP-0313)?", e.room().get(ARCHIVING)));
        Features.boolField(on, "muc#roomconfig_enablearchiving", ARCHIVING);
        on.discoInfo(e -> {
            if (e.room().archiving()) {
                e.feature(MucNs.MAM);
                e.feature(MucNs.MAM_EXTENDED);
            }
        });
    }
}
