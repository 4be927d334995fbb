package im.satellite.muc.admin;

import im.satellite.core.adhoc.AdHocCommands;
import im.satellite.core.disco.DiscoInfo;
import im.satellite.core.exec.KeyedSerialExecutor;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.routing.StanzaHandler;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.room.RoomRegistry;
import im.satellite.muc.store.RoomStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * XEP-0050 on the MUC service's JID, for service admins (on the host lane): disco#info on the command nodes,
 * the command list in disco#items (empty for everybody else), and execution. Sessions expire after ten minutes.
 */
public final class ServiceCommands {
    static final Duration SESSION_TIMEOUT = Duration.ofMinutes(10);

    private final AdHocCommands<Void> commands;
    private final Supplier<DiscoInfo> info;

    public ServiceCommands(JID service, Set<String> admins, RoomRegistry registry, RoomStore store,
                           KeyedSerialExecutor lanes, Clock clock, Supplier<DiscoInfo> info) {
        AdminCommand.Admin a = new AdminCommand.Admin(service, admins, registry, lanes);
        this.commands = new AdHocCommands<>(List.of(new ListRoomsCommand(a, store), new DestroyRoomCommand(a),
                new SetOwnerCommand(a), new AnnounceCommand(a)), clock, SESSION_TIMEOUT, 1000);
        this.info = info;
    }

    /** disco#info at the service: its identity and features, or a command node's (XEP-0050 §2.2). */
    public void discoInfo(IQ iq, StanzaContext ctx) {
        ctx.result(commands.serviceInfo(null, iq, info.get()));
    }

    /** disco#items at the service: the commands node, or else {@code rooms} (the room list, XEP-0045 §6.3). */
    public StanzaHandler<IQ> discoItems(StanzaHandler<IQ> rooms) {
        return (iq, ctx) -> {
            if (Namespaces.COMMANDS.equals(iq.getChildElement().attributeValue("node"))) {
                ctx.result(commands.items(null, ctx.service(), iq.getFrom()));
            } else {
                rooms.handle(iq, ctx);
            }
        };
    }

    public void execute(IQ iq, StanzaContext ctx) {
        commands.execute(null, iq, ctx);
    }

    /** Drops expired sessions (the idle-room sweep calls this). */
    public void purge() {
        commands.purge();
    }
}
