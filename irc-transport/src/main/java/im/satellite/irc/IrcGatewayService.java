package im.satellite.irc;

import im.satellite.core.ComponentService;
import im.satellite.core.ServiceContext;
import im.satellite.core.Transports;
import im.satellite.core.disco.DiscoInfo;
import im.satellite.core.disco.Identity;
import im.satellite.core.error.ErrorReplies;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.Addressing;
import im.satellite.core.routing.Routes;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.routing.StanzaHandler;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.irc.bridge.IrcAddress;
import im.satellite.irc.bridge.MucStanzas;
import im.satellite.irc.bridge.NetworkSession;
import im.satellite.irc.gateway.ChannelList;
import im.satellite.irc.gateway.Commands;
import im.satellite.irc.gateway.NetworkPolicy;
import im.satellite.irc.gateway.Sessions;
import im.satellite.irc.store.IrcAccountStore;
import im.satellite.irc.store.SecretBox;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * The IRC gateway (XEP-0100) showing IRC channels as XEP-0045 rooms. This class is the routing surface (STYLE 7.3):
 * each stanza is checked on the lane of its addressee and then handed to the lane of its sender, because all of a
 * user's IRC state (connections, channels, resources) belongs to that user's lane.
 */
public final class IrcGatewayService implements ComponentService {
    private final ServiceContext ctx;
    private final NetworkPolicy policy;
    private final Sessions sessions;
    private final Commands commands;
    private final ChannelList channelList;

    IrcGatewayService(IrcGatewaySettings settings, ServiceContext ctx) {
        this.ctx = ctx;
        this.policy = new NetworkPolicy(settings);
        ctx.database().migrate("irc", "classpath:db/irc");
        IrcAccountStore store = new IrcAccountStore(ctx.database().jdbc(), new SecretBox(settings.secretKey()));
        this.sessions = new Sessions(settings, ctx, policy, store, Transports.socketChannel());
        this.commands = new Commands(settings, ctx, store, sessions);
        this.channelList = new ChannelList(ctx, sessions);
    }

    @Override
    public Routes routes() {
        return Routes.builder()
                .presence(Addressing.FULL, this::roomPresence)
                .presence(Addressing.BARE, (p, c) -> { })
                .message(Addressing.BARE, this::bareMessage)
                .message(Addressing.FULL, this::occupantMessage)
                .iq(IQ.Type.get, Addressing.BARE, Namespaces.DISCO_INFO, "query", this::entityInfo)
                .iq(IQ.Type.get, Addressing.BARE, Namespaces.DISCO_ITEMS, "query", this::entityItems)
                .iq(IQ.Type.set, Addressing.BARE, MucStanzas.MUC_ADMIN, "query", this::admin)
                .iq(IQ.Type.set, Addressing.BARE, Namespaces.COMMANDS, "command", commands::userCommand)
                .iq(IQ.Type.set, Addressing.HOST, Namespaces.COMMANDS, "command", commands::adminCommand)
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.DISCO_ITEMS, "query", commands::hostItems)
                .build();
    }

    @Override
    public StanzaHandler<Presence> unroutedPresence() {
        return (p, c) -> {
            if (p.getType() == Presence.Type.unavailable && p.getFrom() != null) {
                JID from = p.getFrom();
                sessions.onUserLane(from, () -> sessions.resourceGone(from));
            }
        };
    }

    @Override
    public DiscoInfo discoInfo() {
        return DiscoInfo.of(new Identity("gateway", "irc", "IRC gateway"), Namespaces.DISCO_INFO,
                Namespaces.DISCO_ITEMS, MucStanzas.MUC, Namespaces.COMMANDS, "jabber:iq:version", "urn:xmpp:ping");
    }

    @Override
    public void stop() {
        sessions.closeAll("Gateway shutting down");
    }

    private IrcAddress address(JID to) {
        try {
            return IrcAddress.parse(to, "#&+!");
        } catch (IllegalArgumentException e) {
            throw new StanzaException(PacketError.Condition.jid_malformed, e.getMessage());
        }
    }

    private void checkUser(JID from) {
        if (from == null || from.getNode() == null || !policy.domainAllowed(from.getDomain(), ctx.serverDomain())) {
            throw new StanzaException(PacketError.Condition.forbidden, "this gateway does not serve your domain");
        }
    }

    /** XEP-0045 §7.2 (enter), §7.6 (nick change) and §7.14 (exit). */
    private void roomPresence(Presence p, StanzaContext c) {
        if (p.getType() == Presence.Type.error || p.getType() != null && p.getType() != Presence.Type.unavailable) {
            return;
        }
        IrcAddress a = address(p.getTo());
        JID from = p.getFrom();
        if (a.kind() != IrcAddress.Kind.CHANNEL) {
            return;
        }
        String channel = a.name();
        if (p.getType() == Presence.Type.unavailable) {
            sessions.onUserLane(from, () -> {
                NetworkSession s = sessions.session(from, a.network());
                if (s != null) {
                    s.leave(from, channel);
                }
            });
            return;
        }
        checkUser(from);
        String nick = p.getTo().getResource();
        if (!validNick(nick)) {
            throw new StanzaException(PacketError.Condition.jid_malformed, "not a valid IRC nick: " + nick);
        }
        Element x = p.getChildElement("x", MucStanzas.MUC);
        String key = x == null ? null : Elements.childText(x, "password").orElse(null);
        sessions.onUserLane(from, () -> {
            NetworkSession s = sessions.openFor(from, a.network(), nick, (cond, type, text) -> {
                Presence err = MucStanzas.joinError(p.getTo(), from, cond, type, text);
                err.setID(p.getID());
                ctx.outbound().send(err);
            });
            if (s != null) {
                s.join(from, channel, nick, key, p.getID());
            }
        });
    }

    static boolean validNick(String nick) {
        return nick != null && !nick.isEmpty() && nick.length() <= 64
                && nick.matches("[A-Za-z\\[\\]\\\\`_^{|}][A-Za-z0-9\\[\\]\\\\`_^{|}-]*");
    }

    /** Groupchat to a room (§7.4), subject changes (§8.1), chat to an IRC user, raw lines to the server. */
    private void bareMessage(Message m, StanzaContext c) {
        if (m.getType() == Message.Type.error) {
            return;
        }
        IrcAddress a = address(m.getTo());
        checkUser(m.getFrom());
        JID from = m.getFrom();
        sessions.onUserLane(from, () -> {
            NetworkSession s = sessions.session(from, a.network());
            if (s == null) {
                reply(m, "recipient-unavailable", PacketError.Type.wait, "join a channel on " + a.network()
                        + " first");
                return;
            }
            switch (a.kind()) {
                case CHANNEL -> s.groupchat(from, a.name(), m);
                case USER -> s.privateMessage(from, a.name(), m);
                case SERVER -> {
                    if (!s.raw(m.getBody())) {
                        reply(m, "bad-request", PacketError.Type.modify, "not an IRC command line");
                    }
                }
                default -> { }
            }
        });
    }

    /** XEP-0045 §7.5: a private message to an occupant goes to that IRC nick. */
    private void occupantMessage(Message m, StanzaContext c) {
        if (m.getType() == Message.Type.error) {
            return;
        }
        IrcAddress a = address(m.getTo());
        checkUser(m.getFrom());
        JID from = m.getFrom();
        String nick = m.getTo().getResource();
        sessions.onUserLane(from, () -> {
            NetworkSession s = sessions.session(from, a.network());
            if (s == null) {
                reply(m, "recipient-unavailable", PacketError.Type.wait, "not connected to " + a.network());
            } else {
                s.privateMessage(from, nick, m);
            }
        });
    }

    private void entityInfo(IQ iq, StanzaContext c) {
        IrcAddress a = address(iq.getTo());
        Element q = switch (a.kind()) {
            case CHANNEL -> DiscoInfo.of(new Identity("conference", "irc", a.name()), Namespaces.DISCO_INFO,
                    MucStanzas.MUC, "muc_open", "muc_public", "muc_semianonymous", "muc_nonanonymous")
                    .toQuery(null);
            case USER -> DiscoInfo.of(new Identity("client", "pc", a.name()), Namespaces.DISCO_INFO).toQuery(null);
            case SERVER -> DiscoInfo.of(new Identity("conference", "irc", a.network()), Namespaces.DISCO_INFO,
                    Namespaces.DISCO_ITEMS, Namespaces.COMMANDS, Namespaces.RSM).toQuery(null);
        };
        c.result(q);
    }

    private void entityItems(IQ iq, StanzaContext c) {
        IrcAddress a = address(iq.getTo());
        String node = iq.getChildElement().attributeValue("node");
        if (a.kind() == IrcAddress.Kind.SERVER && Namespaces.COMMANDS.equals(node)) {
            c.result(commands.userItems(iq.getTo(), iq.getFrom()));
            return;
        }
        if (a.kind() != IrcAddress.Kind.SERVER) {
            c.result(Elements.create("query", Namespaces.DISCO_ITEMS));
            return;
        }
        checkUser(iq.getFrom());
        channelList.list(iq, a.network(), c.defer());
    }

    /** XEP-0045 §8.4 kick, §8.5/8.6 voice, §9.6 moderator: the muc#admin item as KICK or MODE. */
    private void admin(IQ iq, StanzaContext c) {
        IrcAddress a = address(iq.getTo());
        checkUser(iq.getFrom());
        Element item = iq.getChildElement().element("item");
        if (a.kind() != IrcAddress.Kind.CHANNEL || item == null || item.attributeValue("nick") == null) {
            throw new StanzaException(PacketError.Condition.bad_request, "an item with a nick is needed");
        }
        String nick = item.attributeValue("nick");
        String role = item.attributeValue("role");
        String aff = item.attributeValue("affiliation");
        String reason = Elements.childText(item, "reason").orElse(null);
        JID from = iq.getFrom();
        StanzaContext.Responder r = c.defer();
        sessions.onUserLane(from, () -> {
            NetworkSession s = sessions.session(from, a.network());
            if (s == null) {
                r.error(new StanzaException(PacketError.Condition.not_acceptable, "not in this room"));
                return;
            }
            try {
                s.admin(a.name(), nick, role, aff, reason == null ? null : reason.replaceAll("[\r\n\0]+", " "));
                r.result(null);
            } catch (IllegalArgumentException e) {
                r.error(new StanzaException(PacketError.Condition.feature_not_implemented, e.getMessage()));
            }
        });
    }

    private void reply(Packet in, String condition, PacketError.Type type, String text) {
        ErrorReplies.reply(in, condition, type, text, in.getTo().asBareJID()).ifPresent(ctx.outbound()::send);
    }
}
