package im.satellite.irc.gateway;

import im.satellite.core.ServiceContext;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.irc.IrcGatewaySettings;
import im.satellite.irc.bridge.IrcAddress;
import im.satellite.irc.store.IrcAccount;
import im.satellite.irc.store.IrcAccountStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * XEP-0050 ad-hoc commands, single stage (§3.4: execute returns a form, the submission completes). On a network's
 * JID: {@code configure} (nick, username, realname, SASL and NickServ passwords, channels that stay joined), stored
 * with passwords sealed. On the gateway's JID, for admins: {@code list-connections} and {@code drop-connection}.
 */
public final class Commands {
    public static final String CONFIGURE = "configure";
    public static final String LIST = "list-connections";
    public static final String DROP = "drop-connection";

    private final IrcGatewaySettings settings;
    private final ServiceContext ctx;
    private final IrcAccountStore store;
    private final Sessions sessions;

    public Commands(IrcGatewaySettings settings, ServiceContext ctx, IrcAccountStore store, Sessions sessions) {
        this.settings = settings;
        this.ctx = ctx;
        this.store = store;
        this.sessions = sessions;
    }

    /** XEP-0050 §2.2: the commands a network's JID offers. */
    public Element userItems(JID network) {
        Element q = Elements.create("query", Namespaces.DISCO_ITEMS).addAttribute("node", Namespaces.COMMANDS);
        q.addElement("item").addAttribute("jid", network.toBareJID()).addAttribute("node", CONFIGURE)
                .addAttribute("name", "Configure your IRC account on this network");
        return q;
    }

    /** disco#items at the gateway: the allowed networks, or (node = commands) the admin commands for admins. */
    public void hostItems(IQ iq, StanzaContext c) {
        String node = iq.getChildElement().attributeValue("node");
        Element q = Elements.create("query", Namespaces.DISCO_ITEMS);
        String gw = ctx.jid().getDomain();
        if (Namespaces.COMMANDS.equals(node)) {
            q.addAttribute("node", node);
            if (isAdmin(iq.getFrom())) {
                q.addElement("item").addAttribute("jid", gw).addAttribute("node", LIST)
                        .addAttribute("name", "List IRC connections");
                q.addElement("item").addAttribute("jid", gw).addAttribute("node", DROP)
                        .addAttribute("name", "Drop an IRC connection");
            }
        } else if (node == null) {
            for (String n : settings.networks().keySet()) {
                q.addElement("item").addAttribute("jid", IrcAddress.serverJid(n, gw).toString()).addAttribute("name", n);
            }
        }
        c.result(q);
    }

    public void userCommand(IQ iq, StanzaContext c) {
        Element cmd = iq.getChildElement();
        IrcAddress a;
        try {
            a = IrcAddress.parse(iq.getTo(), "#&+!");
        } catch (IllegalArgumentException e) {
            throw new StanzaException(PacketError.Condition.item_not_found);
        }
        if (a.kind() != IrcAddress.Kind.SERVER || !CONFIGURE.equals(cmd.attributeValue("node"))) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such command");
        }
        String user = iq.getFrom().toBareJID().toLowerCase(Locale.ROOT);
        StanzaContext.Responder r = c.defer();
        sessions.onUserLane(iq.getFrom(), () -> {
            if ("cancel".equals(cmd.attributeValue("action"))) {
                r.result(response(cmd, "canceled"));
                return;
            }
            Element form = submitted(cmd);
            IrcAccount acc = store.find(user, a.network()).orElse(IrcAccount.empty(user, a.network()));
            if (form == null) {
                Element res = response(cmd, "executing");
                res.addElement("actions").addAttribute("execute", "complete").addElement("complete");
                res.add(configureForm(acc));
                r.result(res);
                return;
            }
            store.save(new IrcAccount(user, a.network(), field(form, "nick", acc.nick()),
                    field(form, "username", acc.username()), field(form, "realname", acc.realname()),
                    secret(form, "sasl-password", acc.saslPassword()),
                    secret(form, "nickserv-password", acc.nickservPassword()),
                    Arrays.stream(String.valueOf(field(form, "stay-channels", String.join(" ",
                            acc.stayChannels()))).split("[\\s,]+")).filter(s -> !s.isBlank()).toList()));
            Element res = response(cmd, "completed");
            res.addElement("note").addAttribute("type", "info")
                    .setText("Saved; the settings apply from your next connection to " + a.network() + ".");
            r.result(res);
        });
    }

    public void adminCommand(IQ iq, StanzaContext c) {
        Element cmd = iq.getChildElement();
        if (!isAdmin(iq.getFrom())) {
            throw new StanzaException(PacketError.Condition.forbidden, "admins only");
        }
        String node = cmd.attributeValue("node");
        if ("cancel".equals(cmd.attributeValue("action"))) {
            c.result(response(cmd, "canceled"));
            return;
        }
        if (LIST.equals(node)) {
            Element res = response(cmd, "completed");
            Element x = res.addElement(org.dom4j.QName.get("x", Namespaces.DATA_FORMS)).addAttribute("type", "result");
            x.addElement("title").setText("IRC connections: " + sessions.total());
            Element f = x.addElement("field").addAttribute("var", "connections").addAttribute("type", "text-multi");
            for (Sessions.Info i : sessions.list()) {
                f.addElement("value").setText(i.user() + " " + i.network());
            }
            c.result(res);
        } else if (DROP.equals(node)) {
            Element form = submitted(cmd);
            if (form == null) {
                Element res = response(cmd, "executing");
                Element x = res.addElement(org.dom4j.QName.get("x", Namespaces.DATA_FORMS)).addAttribute("type", "form");
                Element f = x.addElement("field").addAttribute("var", "connection").addAttribute("type", "list-single")
                        .addAttribute("label", "Connection (user network)");
                for (Sessions.Info i : sessions.list()) {
                    f.addElement("option").addElement("value").setText(i.user() + " " + i.network());
                }
                c.result(res);
                return;
            }
            String[] parts = String.valueOf(field(form, "connection", "")).trim().split("\\s+");
            if (parts.length != 2) {
                throw new StanzaException(PacketError.Condition.bad_request, "expected 'user network'");
            }
            sessions.drop(parts[0], parts[1]);
            c.result(response(cmd, "completed"));
        } else {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such command");
        }
    }

    private boolean isAdmin(JID from) {
        return from != null && settings.admins().stream().anyMatch(a -> a.equalsIgnoreCase(from.toBareJID()));
    }

    private static Element response(Element cmd, String status) {
        String sid = cmd.attributeValue("sessionid");
        return Elements.create("command", Namespaces.COMMANDS).addAttribute("node", cmd.attributeValue("node"))
                .addAttribute("sessionid", sid == null ? UUID.randomUUID().toString() : sid)
                .addAttribute("status", status);
    }

    private static Element submitted(Element cmd) {
        Element x = cmd.element(org.dom4j.QName.get("x", Namespaces.DATA_FORMS));
        return x != null && "submit".equals(x.attributeValue("type")) ? x : null;
    }

    /** A submitted field's value; an absent field keeps {@code current}, an empty one clears it. */
    private static String field(Element form, String var, String current) {
        for (Element f : form.elements("field")) {
            if (var.equals(f.attributeValue("var"))) {
                List<String> vals = new ArrayList<>();
                f.elements("value").forEach(v -> vals.add(v.getText()));
                String v = String.join(" ", vals).replaceAll("[\r\n\0]", "").trim();
                return v.isEmpty() ? null : v;
            }
        }
        return current;
    }

    /** Password fields are never shown back: empty keeps the stored one, a single "-" removes it. */
    private static String secret(Element form, String var, String current) {
        String v = field(form, var, current);
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
        Element f = x.addElement("field").addAttribute("var", var).addAttribute("label", label).addAttribute("type", type);
        if (value != null) {
            f.addElement("value").setText(value);
        }
    }
}
