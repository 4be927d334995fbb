package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.muc.element.DataForm;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.event.Events;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.feature.MembersOnlyFeature;
import im.satellite.muc.feature.PasswordFeature;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Notice;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.OccupantIds;
import im.satellite.muc.room.Role;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.util.List;
import java.util.Map;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Messages to the bare room JID: groupchat messages and subject changes (XEP-0045 §7.4, §8.1), mediated invitations
 * and declines (§7.8.2, with the XEP-0249 {@code jabber:x:conference} compat element), and voice requests and their
 * approval (§7.13, §8.6).
 */
public final class GroupchatHandler {
    private final RoomRegistry registry;
    private final RoomHooks hooks;

    public GroupchatHandler(RoomRegistry registry, RoomHooks hooks) {
        this.registry = registry;
        this.hooks = hooks;
    }

    public void toRoom(Message m, StanzaContext ctx) {
        if (m.getFrom() == null) {
            return;
        }
        if (m.getType() == Message.Type.error) {
            // A message from the room itself (a status notice, an invitation) bounced by an occupant's session.
            if (Bounces.kickable(m)) {
                registry.find(m.getTo()).ifPresent(r -> Bounces.remove(r, m.getFrom(), m));
            }
            return;
        }
        Room room = registry.find(m.getTo())
                .orElseThrow(() -> new StanzaException(PacketError.Condition.item_not_found, "no such room"));
        Occupant from = room.occupantBySession(m.getFrom());
        if (m.getType() == Message.Type.groupchat) {
            if (from == null) {
                throw new StanzaException(PacketError.Condition.not_acceptable, "only occupants may send here");
            }
            hooks.fireGroupchat(new Events.Groupchat(room, from, m)).orThrow();
            Message b = m.createCopy();
            OccupantIds.stamp(b, from);
            b.setFrom(room.occupantJid(from.nick()));
            b.setTo((JID) null);
            room.broadcastMessage(b, m.getFrom());
            return;
        }
        Element x = m.getChildElement("x", MucNs.USER);
        if (x != null && (x.element("invite") != null || x.element("decline") != null)) {
            for (Element invite : x.elements("invite")) {
                invite(room, from, m, invite);
            }
            for (Element decline : x.elements("decline")) {
                decline(room, m, decline);
            }
            return;
        }
        Element form = DataForm.find(m.getElement()).orElse(null);
        if (form != null && MucNs.REQUEST.equals(DataForm.formType(form))) {
            voiceRequest(room, from, m, form);
            return;
        }
        if (m.getBody() != null) {
            throw new StanzaException(PacketError.Condition.bad_request, "send groupchat messages to the room");
        }
        // Bodiless non-groupchat messages (chat states, receipts) to the room itself are dropped silently.
    }

    private void invite(Room room, Occupant from, Message m, Element invite) {
        if (from == null) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "only occupants may invite");
        }
        String toAttr = invite.attributeValue("to");
        if (toAttr == null) {
            throw new StanzaException(PacketError.Condition.bad_request, "an invitation needs a 'to'");
        }
        JID invitee = new JID(toAttr);
        hooks.firePreInvite(new Events.PreInvite(room, from, invitee)).orThrow();
        Affiliation inviterAff = room.affiliation(m.getFrom());
        if (room.get(MembersOnlyFeature.MEMBERS_ONLY) && room.affiliation(invitee) == Affiliation.NONE
                && (inviterAff.isAdmin() || from.role() == Role.MODERATOR)) {
            // §7.8.2: in a members-only room the service MAY add the invitee to the member list.
            room.setAffiliation(new JID(invitee.toBareJID()), Affiliation.MEMBER);
        }
        String reason = invite.elementText("reason");
        Message out = new Message();
        out.setFrom(room.jid());
        out.setTo(invitee);
        if (m.getID() != null) {
            out.setID(m.getID());
        }
        Element ux = out.addChildElement("x", MucNs.USER);
        Element inv = ux.addElement("invite").addAttribute("from", m.getFrom().toString());
        if (reason != null) {
            inv.addElement("reason").setText(reason);
        }
        if (PasswordFeature.required(room)) {
            ux.addElement("password").setText(room.get(PasswordFeature.SECRET));
        }
        Element conf = Elements.create("x", MucNs.CONFERENCE).addAttribute("jid", room.jid().toString());
        if (reason != null) {
            conf.addAttribute("reason", reason);
        }
        out.getElement().add(conf);
        room.send(out);
    }

    private void decline(Room room, Message m, Element decline) {
        String toAttr = decline.attributeValue("to");
        if (toAttr == null) {
            throw new StanzaException(PacketError.Condition.bad_request, "a decline needs a 'to'");
        }
        Message out = new Message();
        out.setFrom(room.jid());
        out.setTo(new JID(toAttr));
        Element d = out.addChildElement("x", MucNs.USER).addElement("decline")
                .addAttribute("from", m.getFrom().toBareJID());
        String reason = decline.elementText("reason");
        if (reason != null) {
            d.addElement("reason").setText(reason);
        }
        room.send(out);
    }

    /**
     * §7.13: a visitor asks for voice; the request goes to the moderators as a form. §8.6: a moderator submits it
     * back with {@code muc#request_allow} true to grant voice.
     */
    private void voiceRequest(Room room, Occupant from, Message m, Element form) {
        if (from == null) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "only occupants may request voice");
        }
        Map<String, List<String>> v = DataForm.values(form);
        List<String> allow = v.get("muc#request_allow");
        if (allow != null && from.role() == Role.MODERATOR) {
            List<String> nick = v.getOrDefault("muc#roomnick", List.of());
            Occupant target = nick.isEmpty() ? null : room.occupant(nick.get(0));
            if (target != null && DataForm.parseBool(allow.isEmpty() ? "" : allow.get(0)).orElse(false)
                    && target.role() == Role.VISITOR) {
                target.role(Role.PARTICIPANT);
                room.broadcastPresence(target, target.presence(), Notice.available(), target.sessions());
            }
            return;
        }
        if (from.role() != Role.VISITOR) {
            return;
        }
        DataForm request = new DataForm("form", MucNs.REQUEST, "Voice request");
        request.add(1, "muc#role", "list-single", "Requested role", List.of("participant"));
        request.add(2, "muc#jid", "jid-single", "User ID", List.of(m.getFrom().toString()));
        request.add(3, "muc#roomnick", "text-single", "Room Nickname", List.of(from.nick()));
        request.bool(4, "muc#request_allow", "Grant voice to this person?", false);
        Message out = new Message();
        out.setFrom(room.jid());
        out.getElement().add(request.toElement());
        for (Occupant o : room.occupants()) {
            if (o.role() == Role.MODERATOR) {
                room.broadcast(out, o.sessions());
            }
        }
    }
}
