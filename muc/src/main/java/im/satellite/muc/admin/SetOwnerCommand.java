package im.satellite.muc.admin;

import im.satellite.core.adhoc.AdHocRequest;
import im.satellite.core.adhoc.AdHocStage;
import im.satellite.muc.handler.AdminQueryHandler;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Room;
import java.util.Map;
import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * Makes a user an owner of a room (XEP-0045 §10.3 on an admin's behalf, e.g. when a room's owners are gone),
 * optionally making the other owners members; occupants see the affiliation change as usual.
 */
final class SetOwnerCommand extends AdminCommand {
    SetOwnerCommand(Admin admin) {
        super(admin);
    }

    @Override
    public String node() {
        return "set-room-owner";
    }

    @Override
    public String name() {
        return "Set a room's owner";
    }

    @Override
    public AdHocStage execute(Void target, AdHocRequest r) {
        if (!r.submitted()) {
            Element x = form("form", "Set a room's owner", null);
            field(x, "room", "jid-single", "Room", true);
            field(x, "owner", "jid-single", "New owner", true);
            field(x, "exclusive", "boolean", "Make the other owners members", false, "0");
            return AdHocStage.executing(x, "complete", "complete");
        }
        JID room = roomJid(r, "room");
        JID owner = new JID(jid(r, "owner", true).toBareJID());
        String ex = r.value("exclusive");
        boolean exclusive = ex != null && (ex.equals("1") || ex.equals("true"));
        return onRoom(room, found -> {
            if (found.locked()) {
                return AdHocStage.failed(room + " is not configured yet.");
            }
            AdminQueryHandler.setAffiliation(found, owner, Affiliation.OWNER, null, null);
            int demoted = 0;
            if (exclusive) {
                for (Map.Entry<String, Affiliation> e : found.affiliations().entrySet()) {
                    if (e.getValue() == Affiliation.OWNER && !e.getKey().equals(Room.key(owner))) {
                        AdminQueryHandler.setAffiliation(found, new JID(e.getKey()), Affiliation.MEMBER, null, null);
                        demoted++;
                    }
                }
            }
            return AdHocStage.done(owner + " now owns " + room + (exclusive ? "; " + demoted
                    + " other owner(s) are now members." : "."));
        });
    }
}
