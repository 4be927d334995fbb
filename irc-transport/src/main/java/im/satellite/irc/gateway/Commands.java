package im.satellite.irc.gateway;

import im.satellite.core.ServiceContext;
import im.satellite.core.adhoc.AdHocCommand;
import im.satellite.core.adhoc.AdHocCommands;
import im.satellite.core.adhoc.AdHocRequest;
import im.satellite.core.adhoc.AdHocStage;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.irc.IrcGatewaySettings;
import im.satellite.irc.bridge.IrcAddress;
import im.satellite.irc.store.IrcAccount;
import im.satellite.irc.store.IrcAccountStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * XEP-0050 ad-hoc commands on the runtime's {@link AdHocCommands} (sessions, actions, cancel, limits). On a network's
 * JID: {@code configure} (nick, username, realname, SASL and NickServ passwords, channels that stay joined), stored
 * with passwords sealed, on the user's lane. On the gateway's JID, for admins: {@code list-connections} and
 * {@code drop-connection}.
 */
public final class Commands {
    public static final String CONFIGURE = "configure";
    public static final String LIST = "list-connections";
    public static final String DROP = "drop-connection";
    static final Duration SESSION_TIMEOUT = Duration.ofMinutes(10);
    static final int MAX_SESSIONS = 1000;

    private final IrcGatewaySettings settings;
    private final ServiceContext ctx;
    private final IrcAccountStore store;
    private final Sessions sessions;
    private final AdHocCommands<IrcAddress> user;
    private final AdHocCommands<Void> admin;

    public Commands(IrcGatewaySettings settings, ServiceContext ctx, IrcAccountStore store, Sessions sessions) {
        this.settings = settings;
        this.ctx = ctx;
        this.store = store;
        this.sessions = sessions;
        this.user = new AdHocCommands<>(List.of(new Configure()), ctx.clock(), SESSION_TIMEOUT, MAX_SESSIONS);
        this.admin = new AdHocCommands<>(List.of(new ListConnections(), new DropConnection()), ctx.clock(),
                SESSION_TIMEOUT, MAX_SESSIONS);
    }

    /** XEP-0050 §2.2: the commands a network's JID offers {@code requester}. */
    public Element userItems(JID network, JID requester) {
        return user.items(network(network), network.asBareJID(), requester);
    }

    /** disco#items at the gateway: the allowed networks, or (node = commands) the admin commands for admins. */
    public void hostItems(IQ iq, StanzaContext c) {
        String node = iq.getChildElement().attributeValue("node");
        if (Namespaces.COMMANDS.equals(node)) {
            c.result(admin.items(null, ctx.jid(), iq.getFrom()));
            return;
        }
        Element q = Elements.create("query", Namespaces.DISCO_ITEMS);
        if (node == null) {
            String gw = ctx.jid().getDomain();
            for (String n : settings.networks().keySet()) {
                q.addElement("item").addAttribute("jid", IrcAddress.serverJid(n, gw).toString())
                        .addAttribute("name", n);
            }
        }
        c.result(q);
    }

    public void userCommand(IQ iq, StanzaContext c) {
        user.execute(network(iq.getTo()), iq, c);
    }

    public void adminCommand(IQ iq, StanzaContext c) {
        admin.execute(null, iq, c);
    }

    /** The network a command is addressed to; commands exist only on a network's JID. */
    private static IrcAddress network(JID to) {
        IrcAddress a;
        try {
            a = IrcAddress.parse(to, "#&+!");
        } catch (IllegalArgumentException e) {
            throw new StanzaException(PacketError.Condition.item_not_found);
        }
        if (a.kind() != IrcAddress.Kind.SERVER) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such command");
        }
        return a;
    }

    private boolean isAdmin(JID from) {
        return from != null && settings.admins().stream().anyMatch(a -> a.equalsIgnoreCase(from.toBareJID()));
    }

    /** A command's node and name; what it runs on and who may run it are the subclass's. */
    private abstract static class Command<T> implements AdHocCommand<T> {
        private final String node;
        private final String name;

        Command(String node, String name) {
            this.node = node;
            this.name = name;
        }

        @Override
        public String node() {
            return node;
        }

        @Override
        public String name() {
            return name;
        }
    }

    /** A command on the gateway's own JID, for the JIDs in {@code admins} only. */
    private abstract class AdminCommand extends Command<Void> {
        AdminCommand(String node, String name) {
            super(node, name);
        }

        @Override
        public boolean allowed(Void gateway, JID requester) {
            return isAdmin(requester);
        }
    }

    /** The user's settings for one network: a form, then the submission saved (both on the user's lane). */
    private final class Configure extends Command<IrcAddress> {
        Configure() {
            super(CONFIGURE, "Configure your IRC account on this network");
        }

        @Override
        public boolean allowed(IrcAddress network, JID requester) {
            return true;
        }

        @Override
        public AdHocStage execute(IrcAddress network, AdHocRequest r) {
            String user = r.requester().toBareJID().toLowerCase(Locale.ROOT);
            CompletableFuture<AdHocStage> stage = new CompletableFuture<>();
            sessions.onUserLane(r.requester(), () -> {
                try {
                    IrcAccount acc = store.find(user, network.network())
                            .orElse(IrcAccount.empty(user, network.network()));
                    if (!r.submitted()) {
                        stage.complete(AdHocStage.executing(configureForm(acc), "complete", "complete"));
                        return;
                    }
                    store.save(new IrcAccount(user, network.network(), field(r, "nick", acc.nick()),
                            field(r, "username", acc.username()), field(r, "realname", acc.realname()),
                            secret(r, "sasl-password", acc.saslPassword()),
                            secret(r, "nickserv-password", acc.nickservPassword()),
                            Arrays.stream(String.valueOf(field(r, "stay-channels", String.join(" ",
                                    acc.stayChannels()))).split("[\\s,]+")).filter(s -> !s.isBlank()).toList()));
                    stage.complete(AdHocStage.done("Saved; the settings apply from your next connection to "
                            + network.network() + "."));
                } catch (RuntimeException e) {
                    stage.completeExceptionally(e);
                }
            });
            return AdHocStage.later(stage);
        }
    }

    /** Admins: the open IRC connections, one line each. */
    private final class ListConnections extends AdminCommand {
        ListConnections() {
            super(LIST, "List IRC connections");
        }

        @Override
        public AdHocStage execute(Void gateway, AdHocRequest r) {
            Element x = Elements.create("x", Namespaces.DATA_FORMS).addAttribute("type", "result");
            x.addElement("title").setText("IRC connections: " + sessions.total());
            Element f = x.addElement("field").addAttribute("var", "connections").addAttribute("type", "text-multi");
            for (Sessions.Info i : sessions.list()) {
                f.addElement("value").setText(i.user() + " " + i.network());
            }
            return AdHocStage.completed(x);
        }
    }

    /** Admins: closes one user's connection to one network, chosen from the open ones. */
    private final class DropConnection extends AdminCommand {
        DropConnection() {
            super(DROP, "Drop an IRC connection");
        }

        @Override
        public AdHocStage execute(Void gateway, AdHocRequest r) {
            if (!r.submitted()) {
                Element x = Elements.create("x", Namespaces.DATA_FORMS).addAttribute("type", "form");
                Element f = x.addElement("field").addAttribute("var", "connection").addAttribute("type", "list-single")
                        .addAttribute("label", "Connection (user network)");
                for (Sessions.Info i : sessions.list()) {
                    f.addElement("option").addElement("value").setText(i.user() + " " + i.network());
                }
                return AdHocStage.executing(x, "complete", "complete");
            }
            String[] parts = r.required("connection").split("\\s+");
            if (parts.length != 2) {
                throw AdHocRequest.badPayload("expected 'user network'");
            }
            sessions.drop(parts[0], parts[1]);
            return AdHocStage.done("Dropping " + parts[0] + " from " + parts[1] + ".");
        }
    }

    /** A submitted field's value; an absent field keeps {@code current}, an empty one clears it. */
    private static String field(AdHocRequest r, String var, String current) {
        List<String> values = r.form().get(var);
        if (values == null) {
            return current;
        }
        String v = String.join(" ", values).replaceAll("[\r\n\0]", "").trim();
        return v.isEmpty() ? null : v;
    }

    /** Password fields are never shown back: empty keeps the stored one, a single "-" removes it. */
    private static String secret(AdHocRequest r, String var, String current) {
        String v = field(r, var, current);
        if (v == null) {
            return current;
        }
        return v.equals("-") ? null : v;
    }

    private static Element configureForm(IrcAccount acc) {
        Element x = Elements.create("x", Namespaces.DATA_FORMS).addAttribute("type", "form");
        x.addElement("title").setText("IRC settings for " + acc.network());
        text(x, "nick", "Nick", acc.nick(), "text-single");
        text(x, "username", "User name (ident)", acc.username(), "text-single");
        text(x, "realname", "Real name", acc.realname(), "text-single");
        text(x, "sasl-password", "SASL password (empty: keep, '-': remove)", null, "text-private");
        text(x, "nickserv-password", "NickServ password (empty: keep, '-': remove)", null, "text-private");
        text(x, "stay-channels", "Channels that stay joined (space separated)", String.join(" ", acc.stayChannels()),
                "text-single");
        return x;
    }

    private static void text(Element x, String var, String label, String value, String type) {
        Element f = x.addElement("field").addAttribute("var", var).addAttribute("label", label)
                .addAttribute("type", type);
        if (value != null) {
            f.addElement("value").setText(value);
        }
    }
}
