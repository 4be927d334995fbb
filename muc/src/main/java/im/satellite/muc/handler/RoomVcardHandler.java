package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.element.StatusCode;
import im.satellite.muc.feature.AvatarFeature;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.io.StringReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * The room's vCard-temp (XEP-0054) for room avatars (XEP-0486): an owner sets it with an IQ set to the bare room JID
 * (others get forbidden), anyone gets it. Each PHOTO's BINVAL must be base64 of at most {@code max-avatar-size} bytes
 * (else bad-request / not-acceptable); an empty vCard removes it. A change is announced to the occupants with status
 * 104 (§10.2.1), after which clients read the new {@code muc#roominfo_avatarhash} from disco#info, and with the
 * room's XEP-0153 presence ({@link AvatarFeature#presence}).
 */
public final class RoomVcardHandler {
    private final RoomRegistry registry;
    private final long maxPhotoBytes;

    public RoomVcardHandler(RoomRegistry registry, long maxPhotoBytes) {
        this.registry = registry;
        this.maxPhotoBytes = maxPhotoBytes;
    }

    private Room visibleRoom(IQ iq) {
        Room room = RoomAccess.room(registry, iq);
        if (room.locked() && room.affiliation(iq.getFrom()) != Affiliation.OWNER) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such room");
        }
        return room;
    }

    public void get(IQ iq, StanzaContext ctx) {
        Room room = visibleRoom(iq);
        String xml = room.get(AvatarFeature.VCARD);
        ctx.result(xml.isEmpty() ? Elements.create("vCard", MucNs.VCARD) : parse(xml));
    }

    public void set(IQ iq, StanzaContext ctx) {
        Room room = visibleRoom(iq);
        if (room.affiliation(iq.getFrom()) != Affiliation.OWNER) {
            throw new StanzaException(PacketError.Condition.forbidden, "only owners may set the room's vCard");
        }
        Element vcard = iq.getChildElement().createCopy();
        Set<String> hashes = new LinkedHashSet<>();
        for (Element photo : vcard.elements("PHOTO")) {
            String binval = photo.elementText("BINVAL");
            if (binval == null) {
                continue;
            }
            byte[] data;
            try {
                data = Base64.getDecoder().decode(binval.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new StanzaException(PacketError.Condition.bad_request, "BINVAL is not base64");
            }
            if (data.length > maxPhotoBytes) {
                throw new StanzaException(PacketError.Condition.not_acceptable,
                        "the photo is larger than " + maxPhotoBytes + " bytes");
            }
            hashes.add(sha1(data));
        }
        boolean empty = vcard.elements().isEmpty();
        boolean changed = room.state().set(AvatarFeature.VCARD, empty ? "" : vcard.asXML());
        room.state().set(AvatarFeature.AVATAR_HASH, String.join(",", hashes));
        ctx.result();
        if (changed) {
            room.saveOptions();
            room.broadcastStatus(List.of(StatusCode.CONFIG_CHANGED));
            room.broadcast(AvatarFeature.presence(room), room.allSessions());
        }
    }

    private static Element parse(String xml) {
        try {
            SAXReader reader = new SAXReader();
            reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return reader.read(new StringReader(xml)).getRootElement().createCopy();
        } catch (DocumentException | org.xml.sax.SAXException e) {
            throw new StanzaException(PacketError.Condition.internal_server_error, "the stored vCard is unreadable");
        }
    }

    /** The XEP-0153 hash: SHA-1 of the image data, lower-case hex. */
    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }
}
