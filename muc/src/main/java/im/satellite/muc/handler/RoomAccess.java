package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/** Finding the addressed room, or the XEP-0045 error for a room that does not exist. */
final class RoomAccess {
    private RoomAccess() {
    }

    static Room room(RoomRegistry registry, Packet p) {
        return registry.find(p.getTo())
                .orElseThrow(() -> new StanzaException(PacketError.Condition.item_not_found, "no such room"));
    }
}
