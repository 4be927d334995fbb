package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.room.RoomListing;
import im.satellite.muc.room.RoomRegistry;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Service-level queries, on the host lane: disco#items listing the public rooms (XEP-0045 §6.3) with XEP-0059
 * result set management, and XEP-0307 unique room names.
 */
public final class ServiceDiscoHandler {
    private static final int DEFAULT_PAGE = 100;
    private final RoomRegistry registry;
    private final SecureRandom random = new SecureRandom();

    public ServiceDiscoHandler(RoomRegistry registry) {
        this.registry = registry;
    }

    public void items(IQ iq, StanzaContext ctx) {
        if (iq.getChildElement().attributeValue("node") != null) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such node");
        }
        List<RoomListing> all = registry.listed();
        Element set = Elements.child(iq.getChildElement(), "set", Namespaces.RSM).orElse(null);
        int from = 0;
        int to = Math.min(all.size(), DEFAULT_PAGE);
        if (set != null) {
            int max = parse(set.elementText("max"), DEFAULT_PAGE);
            Element after = set.element("after");
            Element before = set.element("before");
            String index = set.elementText("index");
            if (after != null) {
                from = indexAfter(all, after.getTextTrim());
                to = Math.min(all.size(), from + max);
            } else if (before != null) {
                String b = before.getTextTrim();
                to = b.isEmpty() ? all.size() : indexOf(all, b);
                from = Math.max(0, to - max);
            } else {
                from = Math.min(all.size(), parse(index, 0));
                to = Math.min(all.size(), from + max);
            }
        }
        Element q = Elements.create("query", Namespaces.DISCO_ITEMS);
        for (RoomListing l : all.subList(from, to)) {
            Element i = q.addElement("item").addAttribute("jid", l.jid());
            if (l.name() != null) {
                i.addAttribute("name", l.name());
            }
        }
        if (set != null) {
            Element rs = q.addElement(org.dom4j.QName.get("set", Namespaces.RSM));
            if (to > from) {
                rs.addElement("first").addAttribute("index", Integer.toString(from)).setText(all.get(from).jid());
                rs.addElement("last").setText(all.get(to - 1).jid());
            }
            rs.addElement("count").setText(Integer.toString(all.size()));
        }
        ctx.result(q);
    }

    private static int indexAfter(List<RoomListing> all, String jid) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).jid().compareTo(jid) > 0) {
                return i;
            }
        }
        return all.size();
    }

    private static int indexOf(List<RoomListing> all, String jid) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).jid().compareTo(jid) >= 0) {
                return i;
            }
        }
        return all.size();
    }

    private static int parse(String s, int def) {
        if (s == null || s.isBlank()) {
            return def;
        }
        try {
            return Math.max(0, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            throw new StanzaException(PacketError.Condition.bad_request, "invalid result set number");
        }
    }

    /** XEP-0307 §2: a room name no existing room has (random, so never reused). */
    public void unique(IQ iq, StanzaContext ctx) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        Element u = Elements.create("unique", MucNs.UNIQUE);
        u.setText(HexFormat.of().formatHex(b));
        ctx.result(u);
    }
}
