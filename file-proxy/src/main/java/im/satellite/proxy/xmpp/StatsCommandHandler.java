package im.satellite.proxy.xmpp;

import im.satellite.core.disco.BuiltinRoutes;
import im.satellite.core.disco.DiscoInfo;
import im.satellite.core.disco.Identity;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.proxy.relay.RelayStats;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError.Condition;
import org.xmpp.packet.PacketError.Type;

/**
 * The admins' statistics as an XEP-0050 ad-hoc command, node {@code stats}: listed under the commands node of
 * disco#items (§2.2, admins only), described by disco#info on its node (§2.3), and executed in one stage (§3.3:
 * {@code execute} answers {@code completed} with a result data form, XEP-0004). Also answers disco#info and
 * disco#items at the service's own domain, which the built-in routes would otherwise do.
 */
public final class StatsCommandHandler {
    public static final String NODE = "stats";

    private final Set<String> admins;
    private final Supplier<RelayStats.Snapshot> stats;
    private final Supplier<DiscoInfo> info;

    public StatsCommandHandler(List<String> admins, Supplier<RelayStats.Snapshot> stats, Supplier<DiscoInfo> info) {
        this.admins = Set.copyOf(admins.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList());
        this.stats = stats;
        this.info = info;
    }

    /** XEP-0030 disco#info at the domain, and XEP-0050 §2.3 on the command node. */
    public void discoInfo(IQ iq, StanzaContext ctx) {
        String node = iq.getChildElement().attributeValue("node");
        if (node == null) {
            ctx.result(info.get().withFeatures(BuiltinRoutes.FEATURES).toQuery(null));
        } else if (node.equals(NODE)) {
            ctx.result(DiscoInfo.of(new Identity("automation", "command-node", "Transfer statistics"),
                    Namespaces.COMMANDS, Namespaces.DATA_FORMS).toQuery(NODE));
        } else {
            throw new StanzaException(Condition.item_not_found, "no such node");
        }
    }

    /** XEP-0050 §2.2: the commands node lists {@code stats} to admins; the domain itself has no items. */
    public void discoItems(IQ iq, StanzaContext ctx) {
        String node = iq.getChildElement().attributeValue("node");
        Element q = Elements.create("query", Namespaces.DISCO_ITEMS);
        if (Namespaces.COMMANDS.equals(node)) {
            q.addAttribute("node", node);
            if (isAdmin(iq)) {
                q.addElement("item").addAttribute("jid", ctx.service().toString()).addAttribute("node", NODE)
                        .addAttribute("name", "Transfer statistics");
            }
        } else if (node != null) {
            throw new StanzaException(Condition.item_not_found, "no such node");
        }
        ctx.result(q);
    }

    /** XEP-0050 §3.3 (single stage) and §3.4 (cancel). */
    public void execute(IQ iq, StanzaContext ctx) {
        Element cmd = iq.getChildElement();
        if (!NODE.equals(cmd.attributeValue("node"))) {
            throw new StanzaException(Condition.item_not_found, "no such command");
        }
        if (!isAdmin(iq)) {
            throw new StanzaException(Condition.forbidden, Type.auth, "only admins may see transfer statistics");
        }
        String action = cmd.attributeValue("action", "execute");
        String session = cmd.attributeValue("sessionid", UUID.randomUUID().toString());
        Element out = Elements.create("command", Namespaces.COMMANDS).addAttribute("node", NODE)
                .addAttribute("sessionid", session);
        switch (action) {
            case "cancel" -> out.addAttribute("status", "canceled");
            case "execute", "complete" -> out.addAttribute("status", "completed").add(form(stats.get()));
            default -> throw new StanzaException(Condition.bad_request, Type.modify, "unknown action " + action);
        }
        ctx.result(out);
    }

    private static Element form(RelayStats.Snapshot s) {
        Element x = Elements.create("x", Namespaces.DATA_FORMS).addAttribute("type", "result");
        x.addElement("title").setText("Transfer statistics");
        field(x, "active-transfers", "Active transfers", s.activeTransfers());
        field(x, "waiting-connections", "Connections waiting for activation", s.waitingConnections());
        field(x, "bytes-relayed", "Bytes relayed since start", s.bytesRelayed());
        field(x, "finished-transfers", "Transfers finished since start", s.finishedTransfers());
        field(x, "refused-connections", "Connections refused since start", s.refusedConnections());
        return x;
    }

    private static void field(Element x, String var, String label, long value) {
        x.addElement("field").addAttribute("var", var).addAttribute("label", label)
                .addAttribute("type", "text-single").addElement("value").setText(Long.toString(value));
    }

    private boolean isAdmin(IQ iq) {
        return iq.getFrom() != null && admins.contains(iq.getFrom().toBareJID().toLowerCase(Locale.ROOT));
    }
}
