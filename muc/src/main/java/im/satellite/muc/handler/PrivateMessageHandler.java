package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.event.Events;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Nicks;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Messages to occupant JIDs: private messages (XEP-0045 §7.5), delivered to every session of the recipient with
 * the sender's occupant JID as {@code from} and a {@code muc#user} element added.
 */
public final class PrivateMessageHandler {
    private final RoomRegistry registry;
    private final RoomHooks hooks;

    public PrivateMessageHandler(RoomRegistry registry, RoomHooks hooks) {
        this.registry = registry;
        this.hooks = hooks;
    }

    public void toOccupant(Message m, StanzaContext ctx) {
        if (m.getType() == Message.Type.error || m.getFrom() == null) {
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
        if (out.getChildElement("x", MucNs.USER) == null) {
            out.addChildElement("x", MucNs.USER);
        }
        room.broadcast(out, to.sessions());
    }
}
