package im.satellite.proxy.xmpp;

import im.satellite.core.adhoc.AdHocCommand;
import im.satellite.core.adhoc.AdHocCommands;
import im.satellite.core.adhoc.AdHocRequest;
import im.satellite.core.adhoc.AdHocStage;
import im.satellite.core.disco.DiscoInfo;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.proxy.relay.RelayStats;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError.Condition;

/**
 * The admins' statistics as an XEP-0050 ad-hoc command, node {@code stats}, on component-core's ad-hoc framework:
 * listed under the commands node of disco#items (§2.2, admins only), described by disco#info on its node (§2.3), and
 * executed in one stage (§3.3: {@code execute} answers {@code completed} with a result data form, XEP-0004). Also
 * answers disco#info and disco#items at the service's own domain, which the built-in routes would otherwise do.
 */
public final class StatsCommandHandler {
    public static final String NODE = "stats";

    private final Set<String> admins;
    private final Supplier<RelayStats.Snapshot> stats;
    private final Supplier<DiscoInfo> info;
    private final AdHocCommands<Void> commands;

    public StatsCommandHandler(List<String> admins, Supplier<RelayStats.Snapshot> stats, Supplier<DiscoInfo> info,
                               Clock clock) {
        this.admins = Set.copyOf(admins.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList());
        this.stats = stats;
        this.info = info;
        this.commands = new AdHocCommands<>(List.of(new StatsCommand()), clock, Duration.ofMinutes(5), 100);
    }

    /** XEP-0030 disco#info at the domain, and XEP-0050 §2.3 on the command nodes. */
    public void discoInfo(IQ iq, StanzaContext ctx) {
        ctx.result(commands.serviceInfo(null, iq, info.get()));
    }

    /** XEP-0050 §2.2: the commands node lists {@code stats} to admins; the domain itself has no items. */
    public void discoItems(IQ iq, StanzaContext ctx) {
        String node = iq.getChildElement().attributeValue("node");
        if (Namespaces.COMMANDS.equals(node)) {
            ctx.result(commands.items(null, ctx.service(), iq.getFrom()));
        } else if (node != null) {
            throw new StanzaException(Condition.item_not_found, "no such node");
        } else {
            ctx.result(Elements.create("query", Namespaces.DISCO_ITEMS));
        }
    }

    /** XEP-0050 §3.3 (single stage) and §3.4 (cancel). */
    public void execute(IQ iq, StanzaContext ctx) {
        commands.execute(null, iq, ctx);
    }

    private final class StatsCommand implements AdHocCommand<Void> {
        @Override
        public String node() {
            return NODE;
        }

        @Override
        public String name() {
            return "Transfer statistics";
        }

        @Override
        public boolean allowed(Void target, JID requester) {
            return requester != null && admins.contains(requester.toBareJID().toLowerCase(Locale.ROOT));
        }

        @Override
        public AdHocStage execute(Void target, AdHocRequest request) {
            return AdHocStage.completed(form(stats.get()));
        }
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
}
