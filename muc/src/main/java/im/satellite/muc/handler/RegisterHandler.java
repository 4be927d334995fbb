package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.muc.element.DataForm;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.feature.MembersOnlyFeature;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Room registration (XEP-0045 §7.10 with XEP-0077): a user reserves a nick and becomes a member. In a members-only
 * room only existing members (and admins) may register, so registration never opens the room.
 */
public final class RegisterHandler {
    private final RoomRegistry registry;

    public RegisterHandler(RoomRegistry registry) {
        this.registry = registry;
    }

    public void get(IQ iq, StanzaContext ctx) {
        Room room = RoomAccess.room(registry, iq);
        JID user = iq.getFrom();
        if (room.affiliation(user) == Affiliation.OUTCAST) {
            throw new StanzaException(PacketError.Condition.forbidden, "you are banned from this room");
        }
        Element q = Elements.create("query", MucNs.REGISTER);
        String nick = room.reservedNick(user);
        if (nick != null) {
            q.addElement("registered");
            q.addElement("username").setText(nick);
        } else {
            q.addElement("instructions").setText("Choose the nickname to reserve in this room.");
            DataForm f = new DataForm("form", MucNs.REGISTER_FORM, "Room registration");
            f.add(1, "muc#register_roomnick", "text-single", "Desired Nickname", List.of())
                    .addElement("required", im.satellite.core.xml.Namespaces.DATA_FORMS);
            q.add(f.toElement());
        }
        ctx.result(q);
    }

    public void set(IQ iq, StanzaContext ctx) {
        Room room = RoomAccess.room(registry, iq);
        JID user = iq.getFrom();
        Affiliation a = room.affiliation(user);
        if (a == Affiliation.OUTCAST) {
            throw new StanzaException(PacketError.Condition.forbidden, "you are banned from this room");
        }
        Element q = iq.getChildElement();
        if (q.element("remove") != null) {
            if (room.reservedNick(user) == null) {
                throw new StanzaException(PacketError.Condition.item_not_found, "you are not registered");
            }
            if (a == Affiliation.MEMBER) {
                AdminQueryHandler.setAffiliation(room, new JID(user.toBareJID()), Affiliation.NONE, null, null);
            }
            ctx.result();
            return;
        }
        if (room.get(MembersOnlyFeature.MEMBERS_ONLY) && a.rank() < Affiliation.MEMBER.rank()) {
            throw new StanzaException(PacketError.Condition.registration_required, "members only");
        }
        Element x = DataForm.find(q).orElse(null);
        List<String> v = x == null ? null : DataForm.values(x).get("muc#register_roomnick");
        if (x != null && "cancel".equals(x.attributeValue("type"))) {
            ctx.result();
            return;
        }
        if (v == null || v.isEmpty() || v.get(0).isBlank()) {
            throw new StanzaException(PacketError.Condition.bad_request, "muc#register_roomnick is required");
        }
        String nick = v.get(0).trim();
        String holder = room.nickOwner(nick);
        Occupant using = room.occupant(nick);
        if (holder != null && !holder.equals(user.toBareJID())
                || using != null && !using.bareJid().toBareJID().equals(user.toBareJID())) {
            throw new StanzaException(PacketError.Condition.conflict, "that nickname is reserved or in use");
        }
        room.reserveNick(user, nick);
        ctx.result();
    }
}
