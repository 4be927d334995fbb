package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.element.DataForm;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.event.Events;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.feature.NameFeature;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.OccupantIds;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.util.LinkedHashSet;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Discovery of a room: disco#info with the {@code muc_*} features and the {@code muc#roominfo} form (XEP-0045 §6.4),
 * the reserved-nick node (§7.12), and disco#items (§6.5), which lists the occupant JIDs to occupants only.
 */
public final class RoomDiscoHandler {
    private final RoomRegistry registry;
    private final RoomHooks hooks;

    /** XEP-0045 §15.3.1: the well-known node listing the extended namespaces a room lets through. */
    static final String TRAFFIC_NODE = "http://jabber.org/protocol/muc#traffic";

    private final RoomCommandsHandler commands;

    public RoomDiscoHandler(RoomRegistry registry, RoomHooks hooks, RoomCommandsHandler commands) {
        this.registry = registry;
        this.hooks = hooks;
        this.commands = commands;
    }

    private Room visibleRoom(IQ iq) {
        Room room = RoomAccess.room(registry, iq);
        if (room.locked() && room.affiliation(iq.getFrom()) != Affiliation.OWNER) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such room");
        }
        return room;
    }

    public void info(IQ iq, StanzaContext ctx) {
        String node = iq.getChildElement().attributeValue("node");
        Room room = visibleRoom(iq);
        Element q = Elements.create("query", Namespaces.DISCO_INFO);
        if (MucNs.ROOMUSER_NODE.equals(node)) {
            q.addAttribute("node", node);
            String nick = room.reservedNick(iq.getFrom());
            if (nick != null) {
                q.addElement("identity").addAttribute("category", "conference").addAttribute("type", "text")
                        .addAttribute("name", nick);
            }
            ctx.result(q);
            return;
        }
        if (TRAFFIC_NODE.equals(node)) {
            // §15.3.1 (Allowable Traffic): a room that discards no extended namespaces answers service-unavailable.
            throw new StanzaException(PacketError.Condition.service_unavailable, "no namespaces are discarded here");
        }
        if (node != null && commands.hasNode(node)) {
            ctx.result(commands.info(room, iq));
            return;
        }
        if (node != null) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such node");
        }
        String name = room.get(NameFeature.NAME);
        q.addElement("identity").addAttribute("category", "conference").addAttribute("type", "text")
                .addAttribute("name", name.isEmpty() ? room.jid().getNode() : name);
        Set<String> features = new LinkedHashSet<>();
        features.add(MucNs.MUC);
        features.add(Namespaces.DISCO_INFO);
        features.add(Namespaces.DISCO_ITEMS);
        features.add(MucNs.REGISTER);
        features.add(OccupantIds.NS);
        features.add(MucNs.SELF_PING_OPTIMIZATION);
        features.add(MucNs.SID);
        DataForm form = new DataForm("result", MucNs.ROOMINFO, null);
        hooks.fireDiscoInfo(new Events.RoomDiscoInfo(room, features, form));
        form.text(0, "muc#roomconfig_roomname", "Natural-Language Room Name", name);
        form.text(20, "muc#roominfo_occupants", "Number of occupants", Integer.toString(room.occupantCount()));
        for (String f : features) {
            q.addElement("feature").addAttribute("var", f);
        }
        q.add(form.toElement());
        ctx.result(q);
    }

    public void items(IQ iq, StanzaContext ctx) {
        Room room = visibleRoom(iq);
        String node = iq.getChildElement().attributeValue("node");
        if (Namespaces.COMMANDS.equals(node)) {
            ctx.result(commands.items(room, iq));
            return;
        }
        Element q = Elements.create("query", Namespaces.DISCO_ITEMS);
        if (room.occupantBySession(iq.getFrom()) != null) {
            for (Occupant o : room.occupants()) {
                q.addElement("item").addAttribute("jid", room.occupantJid(o.nick()).toString());
            }
        }
        ctx.result(q);
    }
}
