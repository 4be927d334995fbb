package im.satellite.muc.admin;

import im.satellite.core.adhoc.AdHocRequest;
import im.satellite.core.adhoc.AdHocStage;
import im.satellite.muc.handler.OwnerQueryHandler;
import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * Destroys a room (XEP-0045 §10.9 on an admin's behalf): a form asks for the room, a reason and an optional
 * alternate venue; the occupants get the unavailable presence with {@code <destroy/>}, and a persistent room is
 * deleted from the database.
 */
final class DestroyRoomCommand extends AdminCommand {
    DestroyRoomCommand(Admin admin) {
        super(admin);
    }

    @Override
    public String node() {
        return "destroy-room";
    }

    @Override
    public String name() {
        return "Destroy a room";
    }

    @Override
    public AdHocStage execute(Void target, AdHocRequest r) {
        if (!r.submitted()) {
            Element x = form("form", "Destroy a room", "The occupants are told the reason and the alternate venue.");
            field(x, "room", "jid-single", "Room", true);
            field(x, "reason", "text-single", "Reason", false);
            field(x, "alternate", "jid-single", "Alternate venue", false);
            return AdHocStage.executing(x, "complete", "complete");
        }
        JID room = roomJid(r, "room");
        JID alternate = jid(r, "alternate", false);
        String reason = r.value("reason");
        return onRoom(room, found -> {
            int occupants = found.occupantCount();
            OwnerQueryHandler.destroy(found, alternate == null ? null : alternate.toString(), reason, null);
            return AdHocStage.done("Destroyed " + room + "; " + occupants + " occupant(s) were told.");
        });
    }
}
