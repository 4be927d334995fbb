package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.event.Events;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Nicks;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.OccupantIds;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Messages to occupant JIDs: private messages (XEP-0045 §7.5), delivered to every session of the recipient with
 * the sender's occupant JID as {@code from}, a {@code muc#user} element and the sender's XEP-0421 occupant-id added;
 * and errors bounced by occupants' sessions (a refused private message goes back to its sender, a gone session's
 * bounce of a groupchat message removes it with 333).
 */
public final class PrivateMessageHandler {
    private final RoomRegistry registry;
    private final RoomHooks hooks;

    public PrivateMessageHandler(RoomRegistry registry, RoomHooks hooks) {
        this.registry = registry;
        this.hooks = hooks;
    }

    public void toOccupant(Message m, StanzaContext ctx) {
        if (m.getFrom() == null) {
            return;
        }
        if (m.getType() == Message.Type.error) {
            registry.find(m.getTo()).ifPresent(r -> bounced(r, m));
            return;
        }
        if (m.getType() == Message.Type.groupchat) {
            throw new StanzaException(PacketError.Condition.bad_request, "private messages may not be groupchat");
        }
        Room room = registry.find(m.getTo())
                .orElseThrow(() -> new StanzaException(PacketError.Condition.item_not_found, "no such room"));
        Occupant from = room.occupantBySession(m.getFrom());
        if (from == null) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "only occupants may send private messages");
        }
        Occupant to = room.occupant(Nicks.lookup(m.getTo().getResource()));
        if (to == null) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such occupant");
        }
        hooks.firePrivateMessage(new Events.PrivateMessage(room, from, to, m)).orThrow();
        Message out = m.createCopy();
        out.setFrom(room.occupantJid(from.nick()));
        OccupantIds.stamp(out, from);
        if (out.getChildElement("x", MucNs.USER) == null) {
            out.addChildElement("x", MucNs.USER);
        }
        room.broadcast(out, to.sessions());
        for (JID s : to.sessions()) {
            room.recentPrivateMessages().add(s, m.getID());
        }
    }

    /**
     * An error from an occupant's session to an occupant JID. Answering a private message the room forwarded (the
     * recipient refused it), it goes back to that message's sender from the recipient's occupant JID, without the
     * real JID in {@code by}; the session is alive. Otherwise it bounced a groupchat message the room sent: when the
     * condition says the session is gone, the session is removed (333).
     */
    private static void bounced(Room room, Message m) {
        Occupant from = room.occupantBySession(m.getFrom());
        if (from == null) {
            return;
        }
        if (room.recentPrivateMessages().contains(m.getFrom(), m.getID())) {
            Occupant sender = room.occupant(Nicks.lookup(m.getTo().getResource()));
            if (sender != null) {
                Message back = m.createCopy();
                back.setFrom(room.occupantJid(from.nick()));
                OccupantIds.stamp(back, from);
                org.dom4j.Element error = back.getElement().element("error");
                if (error != null && error.attribute("by") != null) {
                    error.remove(error.attribute("by"));
                }
                room.broadcast(back, sender.sessions());
            }
            return;
        }
        if (Bounces.kickable(m)) {
            Bounces.remove(room, m.getFrom(), m);
        }
    }
}
