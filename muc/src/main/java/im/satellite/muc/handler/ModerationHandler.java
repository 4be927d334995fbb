package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.OccupantIds;
import im.satellite.muc.room.Role;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * XEP-0425 (v0.3): a moderator retracts a groupchat message by its XEP-0359 stanza id. The message leaves the
 * history (memory) or becomes a tombstone in the archive (§5), everyone in the room gets the XEP-0424 retraction
 * with {@code <moderated/>} (§4.1), then the moderator gets the result. Non-moderators get {@code forbidden} (§4.2),
 * an unknown id {@code item-not-found}.
 */
public final class ModerationHandler {
    private final RoomRegistry registry;

    public ModerationHandler(RoomRegistry registry) {
        this.registry = registry;
    }

    public void set(IQ iq, StanzaContext ctx) {
        Room room = RoomAccess.room(registry, iq);
        Element moderate = iq.getChildElement();
        String id = moderate.attributeValue("id");
        if (id == null || id.isBlank() || moderate.element(org.dom4j.QName.get("retract", MucNs.RETRACT)) == null) {
            throw new StanzaException(PacketError.Condition.bad_request, "moderate a stanza id with <retract/>");
        }
        Occupant by = room.occupantBySession(iq.getFrom());
        if (by == null || by.role() != Role.MODERATOR) {
            throw new StanzaException(PacketError.Condition.forbidden, PacketError.Type.auth,
                    "only moderators may moderate messages");
        }
        String reason = moderate.elementTextTrim("reason");
        JID moderator = room.occupantJid(by.nick());
        Element retracted = Elements.create("retracted", MucNs.RETRACT).addAttribute("stamp",
                DateTimeFormatter.ISO_INSTANT.format(room.services().clock().instant().truncatedTo(ChronoUnit.SECONDS)));
        // §6: the moderator's XEP-0421 occupant id, so clients of a semi-anonymous room can tell who moderated.
        retracted.addElement("moderated", MucNs.MODERATE).addAttribute("by", moderator.toString())
                .addElement("occupant-id", OccupantIds.NS).addAttribute("id", by.occupantId());
        if (reason != null && !reason.isEmpty()) {
            retracted.addElement("reason", MucNs.RETRACT).setText(reason);
        }
        if (!room.retract(id, retracted)) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no message with this stanza id");
        }
        Message notice = new Message();
        notice.setType(Message.Type.groupchat);
        notice.setFrom(room.jid());
        notice.setID(im.satellite.muc.element.StanzaId.next());
        Element retract = notice.addChildElement("retract", MucNs.RETRACT).addAttribute("id", id);
        retract.addElement("moderated", MucNs.MODERATE).addAttribute("by", moderator.toString())
                .addElement("occupant-id", OccupantIds.NS).addAttribute("id", by.occupantId());
        if (reason != null && !reason.isEmpty()) {
            retract.addElement("reason", MucNs.RETRACT).setText(reason);
        }
        room.broadcastMessage(notice, null);
        // The result follows the notice (which may wait for its archive commit), in the room's order.
        StanzaContext.Responder responder = ctx.defer();
        room.outbox().inTurn(() -> responder.result(null));
    }
}
