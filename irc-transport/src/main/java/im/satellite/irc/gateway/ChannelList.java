package im.satellite.irc.gateway;

import im.satellite.core.ServiceContext;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.irc.bridge.IrcAddress;
import im.satellite.irc.bridge.NetworkSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * disco#items on a network's JID lists its channels (XEP-0030 §4) from IRC LIST, paged with XEP-0059 result set
 * management: {@code max}, {@code after}/{@code before} by channel name, {@code index}; the answer carries
 * {@code first} (with its index), {@code last} and {@code count}. Opens a connection for the listing if the user has
 * none; it closes again once the list is in, unless a room was joined meanwhile.
 */
public final class ChannelList {
    static final int DEFAULT_MAX = 100;
    private final ServiceContext ctx;
    private final Sessions sessions;

    public ChannelList(ServiceContext ctx, Sessions sessions) {
        this.ctx = ctx;
        this.sessions = sessions;
    }

    public void list(IQ iq, String network, StanzaContext.Responder r) {
        JID from = iq.getFrom();
        Element set = iq.getChildElement().element(org.dom4j.QName.get("set", Namespaces.RSM));
        sessions.onUserLane(from, () -> {
            NetworkSession s = sessions.openFor(from, network, from.getNode().replaceAll("[^A-Za-z0-9_-]", "_"),
                    (cond, type, text) -> r.error(new StanzaException(cond, type, text)));
            if (s == null) {
                return;
            }
            s.list(channels -> {
                if (channels == null) {
                    r.error(new StanzaException(PacketError.Condition.remote_server_not_found, "IRC connection failed"));
                } else {
                    r.result(page(channels, network, ctx.jid().getDomain(), set));
                }
            });
        });
    }

    static Element page(List<String[]> channels, String network, String gw, Element set) {
        List<String[]> sorted = new ArrayList<>(channels);
        sorted.sort(Comparator.comparing(c -> c[0].toLowerCase(java.util.Locale.ROOT)));
        int max = DEFAULT_MAX;
        int from = 0;
        int to;
        if (set != null) {
            max = parse(Elements.childText(set, "max").orElse(null), DEFAULT_MAX);
            String after = Elements.childText(set, "after").orElse(null);
            Element before = set.element("before");
            String index = Elements.childText(set, "index").orElse(null);
            if (after != null) {
                from = indexAfter(sorted, after);
            } else if (index != null) {
                from = Math.min(sorted.size(), parse(index, 0));
            } else if (before != null) {
                String b = before.getTextTrim();
                int end = b.isEmpty() ? sorted.size() : indexOf(sorted, b);
                from = Math.max(0, end - max);
            }
        }
        to = Math.min(sorted.size(), from + Math.max(0, max));
        Element q = Elements.create("query", Namespaces.DISCO_ITEMS);
        for (String[] c : sorted.subList(from, to)) {
            String name = c[0] + " (" + c[1] + ")" + (c[2].isEmpty() ? "" : ": " + c[2]);
            q.addElement("item").addAttribute("jid", IrcAddress.jid(c[0], network, gw).toString())
                    .addAttribute("name", name);
        }
        Element rsm = q.addElement(org.dom4j.QName.get("set", Namespaces.RSM));
        if (to > from) {
            rsm.addElement("first").addAttribute("index", Integer.toString(from)).setText(sorted.get(from)[0]);
            rsm.addElement("last").setText(sorted.get(to - 1)[0]);
        }
        rsm.addElement("count").setText(Integer.toString(sorted.size()));
        return q;
    }

    private static int indexAfter(List<String[]> sorted, String after) {
        int i = indexOf(sorted, after);
        return i < sorted.size() ? i + 1 : i;
    }

    private static int indexOf(List<String[]> sorted, String name) {
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i)[0].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return sorted.size();
    }

    private static int parse(String s, int def) {
        try {
            return s == null ? def : Math.max(0, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return def;
        }
    }
}
