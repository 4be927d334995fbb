package im.satellite.muc.handler;

import im.satellite.core.adhoc.AdHocCommand;
import im.satellite.core.adhoc.AdHocCommands;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * XEP-0050 on a room's JID (the XEP-0317 hat commands), on the room's lane: execution, and the command nodes in the
 * room's disco#info and disco#items (answered through {@link RoomDiscoHandler}). A locked room has no commands for
 * anyone but its owners, like its disco.
 */
public final class RoomCommandsHandler {
    private final RoomRegistry registry;
    private final AdHocCommands<Room> commands;

    public RoomCommandsHandler(RoomRegistry registry, List<AdHocCommand<Room>> commands, Clock clock) {
        this.registry = registry;
        this.commands = new AdHocCommands<>(commands, clock, Duration.ofMinutes(10), 1000);
    }

    public void execute(IQ iq, StanzaContext ctx) {
        commands.execute(room(iq), iq, ctx);
    }

    boolean hasNode(String node) {
        return commands.hasNode(node);
    }

    Element info(Room room, IQ iq) {
        return commands.info(room, iq.getChildElement().attributeValue("node"), iq.getFrom());
    }

    Element items(Room room, IQ iq) {
        return commands.items(room, room.jid(), iq.getFrom());
    }

    /** Drops expired sessions. */
    public void purge() {
        commands.purge();
    }

    private Room room(IQ iq) {
        Room room = RoomAccess.room(registry, iq);
        if (room.locked() && room.affiliation(iq.getFrom()) != Affiliation.OWNER) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such room");
        }
        return room;
    }
}
