package im.satellite.muc.feature;

import im.satellite.muc.element.MucNs;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;
import java.util.Arrays;
import java.util.List;

/**
 * Room avatars (XEP-0486): the room's vCard-temp (XEP-0054), set by an owner and read by anyone through
 * {@code RoomVcardHandler}, kept as the room-state row {@code vcard}; the SHA-1 of each PHOTO's data (the XEP-0153
 * hash) is kept as {@code avatar_hash} and shown in disco#info as {@code muc#roominfo_avatarhash}, with the
 * {@code vcard-temp} feature. Without this feature the room answers vCard requests with service-unavailable.
 */
public final class AvatarFeature implements RoomFeature {
    /** The vCard-temp element as XML; empty when none was set. */
    public static final RoomKey<String> VCARD = RoomKey.string("vcard", "");
    /** The XEP-0153 hashes of the vCard's photos, comma-separated; empty without a photo. */
    public static final RoomKey<String> AVATAR_HASH = RoomKey.string("avatar_hash", "");

    @Override
    public String name() {
        return "avatar";
    }

    @Override
    public void register(RoomHooks on) {
        on.discoInfo(e -> {
            e.feature(MucNs.VCARD);
            String hashes = e.room().get(AVATAR_HASH);
            if (!hashes.isEmpty()) {
                e.form().add(95, "muc#roominfo_avatarhash", "text-multi", "Avatar hash", hashes(hashes));
            }
        });
    }

    static List<String> hashes(String csv) {
        return Arrays.stream(csv.split(",")).filter(h -> !h.isEmpty()).toList();
    }
}
