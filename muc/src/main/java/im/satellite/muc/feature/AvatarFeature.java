package im.satellite.muc.feature;

import im.satellite.muc.element.MucNs;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomKey;
import java.util.Arrays;
import java.util.List;
import org.xmpp.packet.Presence;

/**
 * Room avatars (XEP-0486): the room's vCard-temp (XEP-0054), set by an owner and read by anyone through
 * {@code RoomVcardHandler}, kept as the room-state row {@code vcard}; the SHA-1 of each PHOTO's data (the XEP-0153
 * hash) is kept as {@code avatar_hash} and shown in disco#info as {@code muc#roominfo_avatarhash}, with the
 * {@code vcard-temp} feature. Like ejabberd, and as clients such as Conversations expect (the older usage XEP-0486
 * §5.2 describes), the room also sends a presence from its bare JID with the XEP-0153
 * {@code <x xmlns='vcard-temp:x:update'><photo>hash</photo></x>} to each entering session while an avatar is set, and
 * to every occupant when it changes (an empty {@code <photo/>} when removed). Occupant presences keep the occupant's
 * own XEP-0153 element. Without this feature the room answers vCard requests with service-unavailable.
 */
public final class AvatarFeature implements RoomFeature {
    /** The vCard-temp element as XML; empty when none was set. */
    public static final RoomKey<String> VCARD = RoomKey.string("vcard", "");
    /** The XEP-0153 hashes of the vCard's photos, comma-separated; empty without a photo. */
    public static final RoomKey<String> AVATAR_HASH = RoomKey.string("avatar_hash", "");
    /** XEP-0153's namespace. */
    public static final String VCARD_UPDATE = "vcard-temp:x:update";

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
        // After the self-presence, before the history and subject (§7.2.16 order is kept for those).
        on.sessionNew(20, e -> {
            if (!e.room().get(AVATAR_HASH).isEmpty()) {
                Presence p = presence(e.room());
                p.setTo(e.session());
                e.room().send(p);
            }
        });
    }

    /** The room's XEP-0153 presence from its bare JID: the first photo's hash, or an empty photo without one. */
    public static Presence presence(Room room) {
        Presence p = new Presence();
        p.setFrom(room.jid());
        List<String> hashes = hashes(room.get(AVATAR_HASH));
        p.addChildElement("x", VCARD_UPDATE).addElement("photo").setText(hashes.isEmpty() ? "" : hashes.get(0));
        return p;
    }

    static List<String> hashes(String csv) {
        return Arrays.stream(csv.split(",")).filter(h -> !h.isEmpty()).toList();
    }
}
