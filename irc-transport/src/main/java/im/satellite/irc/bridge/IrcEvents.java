package im.satellite.irc.bridge;

import im.satellite.irc.client.IrcConnection;
import im.satellite.irc.client.Registration;
import im.satellite.irc.protocol.Ctcp;
import im.satellite.irc.protocol.Formatting;
import im.satellite.irc.protocol.ISupport;
import im.satellite.irc.protocol.IrcMessage;
import im.satellite.irc.protocol.Numerics;
import java.util.List;
import java.util.function.Consumer;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * IRC to XMPP for one {@link NetworkSession}: JOIN, NAMES, TOPIC, PART, QUIT, NICK, KICK and MODE become XEP-0045
 * presences and subjects; PRIVMSG and NOTICE become groupchat or chat messages with stable ids (the IRCv3 msgid when
 * present) and XEP-0203 delays (server-time); join errors become §7.2 errors. Runs on the user's lane.
 */
final class IrcEvents implements IrcConnection.Listener {
    private final NetworkSession s;

    IrcEvents(NetworkSession s) {
        this.s = s;
    }

    @Override
    public void registered(IrcConnection c, boolean again) {
        for (ChannelBridge ch : s.channels.values()) {
            s.sendJoin(ch.name());
        }
        if (!s.listWaiters.isEmpty()) {
            s.listing.clear();
            c.send(IrcMessage.of("LIST"));
        }
        if (again) {
            s.serverText("Reconnected to " + s.network + "; rejoining your channels.");
        }
    }

    @Override
    public void disconnected(IrcConnection c, boolean retrying) {
        if (!retrying) {
            return;
        }
        for (ChannelBridge ch : s.channels.values()) {
            for (Occupant o : List.copyOf(ch.occupants())) {
                if (!s.isSelf(o.nick())) {
                    ch.left(o.nick(), false);
                }
            }
            ch.waiting().addAll(ch.resources());
        }
        s.serverText("Disconnected from " + s.network + "; reconnecting.");
    }

    @Override
    public void failed(IrcConnection c, Registration.Failure failure, String text) {
        String condition = switch (failure) {
            case NICK_IN_USE -> "conflict";
            case BAD_PASSWORD -> "not-authorized";
            case REFUSED -> "remote-server-not-found";
        };
        PacketError.Type type = failure == Registration.Failure.REFUSED ? PacketError.Type.cancel
                : failure == Registration.Failure.NICK_IN_USE ? PacketError.Type.cancel : PacketError.Type.auth;
        for (ChannelBridge ch : List.copyOf(s.channels.values())) {
            for (JID r : ch.waiting()) {
                s.out.send(ch.joinError(r, c.nick(), condition, type, text));
            }
            for (JID r : ch.resources()) {
                // XEP-0045 §9.7-style exit on the service's initiative: status 332 (system shutdown), with the reason.
                org.xmpp.packet.Presence gone = MucStanzas.occupant(ch.occupantJid(c.nick()), true, "none", "none",
                        null, 110, 332);
                gone.setTo(r);
                gone.setStatus(text);
                s.out.send(gone);
            }
        }
        s.channels.clear();
        for (Consumer<List<String[]>> w : s.listWaiters) {
            w.accept(null);
        }
        s.listWaiters.clear();
        s.close(text);
    }

    @Override
    public void message(IrcConnection c, IrcMessage m) {
        String src = m.sourceNick();
        switch (m.command()) {
            case "JOIN" -> onJoin(c, m.param(0), src);
            case Numerics.RPL_NAMREPLY -> onNames(c, m);
            case Numerics.RPL_ENDOFNAMES -> {
                ChannelBridge ch = s.channel(m.param(1));
                if (ch != null) {
                    ch.namesComplete(c.nick());
                }
            }
            case Numerics.RPL_TOPIC -> {
                ChannelBridge ch = s.channel(m.param(1));
                if (ch != null) {
                    ch.topic(Formatting.strip(m.last()), null);
                }
            }
            case "TOPIC" -> onTopic(m, src);
            case "PART" -> onLeave(c, m.param(0), src, new int[0]);
            case "KICK" -> onLeave(c, m.param(0), m.param(1), new int[] {307});
            case "QUIT" -> s.channels.values().forEach(ch -> ch.left(src, false));
            case "NICK" -> onNick(c, src, m.param(0));
            case "AWAY" -> s.channels.values().forEach(ch -> ch.away(src,
                    m.params().isEmpty() ? null : Formatting.strip(m.last())));
            case "MODE" -> onMode(c, m);
            case "PRIVMSG", "NOTICE" -> onText(c, m, src);
            case Numerics.RPL_LIST -> s.listing.add(new String[] {m.param(1), m.param(2), m.last()});
            case Numerics.RPL_LISTEND -> {
                List<String[]> result = List.copyOf(s.listing);
                s.listWaiters.forEach(w -> w.accept(result));
                s.listWaiters.clear();
                s.lingerThenCloseIfIdle();
            }
            case Numerics.RPL_MOTDSTART -> s.motd.setLength(0);
            case Numerics.RPL_MOTD -> s.motd.append(m.last()).append('\n');
            case Numerics.RPL_ENDOFMOTD -> {
                if (s.motd.length() > 0) {
                    s.serverText(s.motd.toString().stripTrailing());
                }
            }
            case Numerics.ERR_NICKNAMEINUSE, Numerics.ERR_ERRONEUSNICKNAME -> onNickRefused(c, m);
            case Numerics.ERR_CHANOPRIVSNEEDED -> s.channelError(m.param(1), "forbidden", m.last());
            case Numerics.ERR_CANNOTSENDTOCHAN -> s.channelError(m.param(1), "forbidden", m.last());
            case "ERROR" -> s.serverText(m.last());
            default -> onOther(m);
        }
    }

    private void onOther(IrcMessage m) {
        if (NetworkSession.isJoinError(m.command())) {
            String condition = switch (m.command()) {
                case Numerics.ERR_BANNEDFROMCHAN -> "forbidden";
                case Numerics.ERR_INVITEONLYCHAN -> "registration-required";
                case Numerics.ERR_BADCHANNELKEY -> "not-authorized";
                case Numerics.ERR_CHANNELISFULL -> "service-unavailable";
                case Numerics.ERR_NOSUCHCHANNEL -> "item-not-found";
                default -> "not-allowed";
            };
            PacketError.Type type = switch (condition) {
                case "forbidden", "registration-required", "not-authorized" -> PacketError.Type.auth;
                case "service-unavailable" -> PacketError.Type.wait;
                default -> PacketError.Type.cancel;
            };
            s.joinFailed(m.param(1), condition, type, m.last());
        } else if (m.command().matches("[45]\\d\\d") && !m.is("401")) {
            s.serverText(m.last());
        } else if (m.is(Numerics.ERR_NOSUCHNICK)) {
            Message err = MucStanzas.messageError(IrcAddress.jid(m.param(1), s.network, s.gateway), s.user,
                    "item-not-found", PacketError.Type.cancel, m.last());
            s.toUser(err);
        }
    }

    private void onJoin(IrcConnection c, String channel, String nick) {
        if (s.isSelf(nick)) {
            s.channelOrCreate(channel).selfJoined();
        } else {
            ChannelBridge ch = s.channel(channel);
            if (ch != null) {
                ch.joined(nick);
            }
        }
    }

    private void onNames(IrcConnection c, IrcMessage m) {
        ChannelBridge ch = s.channel(m.param(2));
        if (ch == null) {
            return;
        }
        ISupport is = c.isupport();
        for (String entry : m.last().split(" ")) {
            int i = 0;
            StringBuilder modes = new StringBuilder();
            while (i < entry.length() && is.modeForSymbol(entry.charAt(i)) != 0) {
                modes.append(is.modeForSymbol(entry.charAt(i)));
                i++;
            }
            String nick = entry.substring(i);
            int bang = nick.indexOf('!');
            if (bang > 0) {
                nick = nick.substring(0, bang);
            }
            if (!nick.isEmpty()) {
                ch.name(nick, modes.toString());
            }
        }
    }

    private void onTopic(IrcMessage m, String src) {
        ChannelBridge ch = s.channel(m.param(0));
        if (ch != null) {
            String topic = Formatting.strip(m.last());
            ch.topic(topic, src);
            ch.broadcast(MucStanzas.subject(ch.occupantJid(src), topic, NetworkSession.stableId(m)));
        }
    }

    private void onLeave(IrcConnection c, String channel, String nick, int[] codes) {
        ChannelBridge ch = s.channel(channel);
        if (ch == null) {
            return;
        }
        boolean self = s.isSelf(nick);
        ch.left(nick, self, codes);
        if (self) {
            s.channels.remove(s.fold(channel));
            s.closeIfIdle();
        }
    }

    private void onNick(IrcConnection c, String oldNick, String newNick) {
        boolean self = c.isupport().caseMapping().equals(newNick, c.nick())
                && !c.isupport().caseMapping().equals(oldNick, newNick) || s.isSelf(oldNick);
        for (ChannelBridge ch : s.channels.values()) {
            ch.renamed(oldNick, newNick, self);
        }
        if (self) {
            s.pendingNickResource = null;
        }
    }

    private void onNickRefused(IrcConnection c, IrcMessage m) {
        JID r = s.pendingNickResource;
        s.pendingNickResource = null;
        if (r == null) {
            return;
        }
        for (ChannelBridge ch : s.channels.values()) {
            if (ch.resources().contains(r)) {
                s.out.send(MucStanzas.joinError(ch.occupantJid(m.param(1)), r, "conflict", PacketError.Type.cancel,
                        m.last()));
                return;
            }
        }
    }

    private void onMode(IrcConnection c, IrcMessage m) {
        ChannelBridge ch = s.channel(m.param(0));
        if (ch == null || m.params().size() < 2) {
            return;
        }
        ISupport is = c.isupport();
        String chanModes = is.token("CHANMODES");
        String[] groups = (chanModes == null ? "beI,k,l,imnpst" : chanModes).split(",", -1);
        boolean add = true;
        int arg = 2;
        for (char mode : m.param(1).toCharArray()) {
            if (mode == '+' || mode == '-') {
                add = mode == '+';
                continue;
            }
            if (is.symbolForMode(mode) != 0) {
                String nick = m.param(arg++);
                ch.mode(nick, mode, add, s.isSelf(nick));
            } else if (takesParam(groups, mode, add)) {
                arg++;
            }
        }
    }

    private static boolean takesParam(String[] groups, char mode, boolean add) {
        if (groups.length > 0 && groups[0].indexOf(mode) >= 0 || groups.length > 1 && groups[1].indexOf(mode) >= 0) {
            return true;
        }
        return add && groups.length > 2 && groups[2].indexOf(mode) >= 0;
    }

    private void onText(IrcConnection c, IrcMessage m, String src) {
        String target = m.param(0);
        String raw = m.last();
        boolean notice = m.is("NOTICE");
        String body;
        if (Ctcp.isCtcp(raw)) {
            if (!"ACTION".equals(Ctcp.command(raw))) {
                return;
            }
            body = "/me " + Formatting.strip(Ctcp.params(raw));
        } else {
            body = Formatting.strip(raw);
        }
        boolean fromServer = m.prefix() == null || m.prefix().indexOf('!') < 0 && m.prefix().indexOf('.') >= 0;
        if (c.isupport().isChannel(target)) {
            ChannelBridge ch = s.channel(target);
            if (ch == null) {
                return;
            }
            if (s.isSelf(src) && c.caps().contains("echo-message")) {
                reflectEcho(ch, raw);
                return;
            }
            JID from = fromServer ? ch.room() : ch.occupantJid(src);
            ch.broadcast(MucStanzas.message(from, Message.Type.groupchat, body, NetworkSession.stableId(m), ch.room(),
                    NetworkSession.serverTime(m)));
        } else if (fromServer || !c.isRegistered()) {
            s.serverText(body);
        } else if (s.isSelf(src) && c.caps().contains("echo-message")) {
            s.echoes.poll();
        } else {
            JID from = IrcAddress.jid(src, s.network, s.gateway);
            s.toUser(MucStanzas.message(from, notice ? Message.Type.chat : Message.Type.chat, body,
                    NetworkSession.stableId(m), null, NetworkSession.serverTime(m)));
        }
    }

    /** echo-message: our own line came back; reflect the whole XMPP body once, with the client's id. */
    private void reflectEcho(ChannelBridge ch, String raw) {
        NetworkSession.PendingEcho e = s.echoes.peek();
        if (e != null && e.target().equals(s.fold(ch.name())) && e.line().equals(raw)) {
            s.echoes.poll();
            if (e.last()) {
                ch.broadcast(MucStanzas.message(ch.occupantJid(s.conn.nick()), Message.Type.groupchat, e.body(),
                        e.id(), ch.room(), null));
            }
        }
    }
}
