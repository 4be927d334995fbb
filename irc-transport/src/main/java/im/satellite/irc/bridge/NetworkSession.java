package im.satellite.irc.bridge;

import im.satellite.core.Outbound;
import im.satellite.irc.client.IrcConnection;
import im.satellite.irc.protocol.Ctcp;
import im.satellite.irc.protocol.Formatting;
import im.satellite.irc.protocol.IrcMessage;
import im.satellite.irc.protocol.LineSplitter;
import im.satellite.irc.protocol.Numerics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * One user's presence on one IRC network: the connection, the channels (rooms) and the XMPP resources in them.
 * XMPP-side calls and IRC events both run on the user's lane. IRC events are translated by {@link IrcEvents}.
 */
public final class NetworkSession {
    /** An XMPP message waiting for its IRC echo (echo-message), so the reflection keeps the client's id. */
    record PendingEcho(String target, String line, String id, String body, boolean last) { }

    final String network;
    final JID user;
    final String gateway;
    final Outbound out;
    final Map<String, ChannelBridge> channels = new LinkedHashMap<>();
    final ArrayDeque<PendingEcho> echoes = new ArrayDeque<>();
    final Map<String, String> keys = new HashMap<>();
    final Set<String> stay = new LinkedHashSet<>();
    final List<Consumer<List<String[]>>> listWaiters = new ArrayList<>();
    final List<String[]> listing = new ArrayList<>();
    final StringBuilder motd = new StringBuilder();
    JID pendingNickResource;
    IrcConnection conn;
    /** Runs a task on this session's lane after a delay in milliseconds. */
    java.util.function.BiConsumer<Long, Runnable> later = (ms, task) -> { };
    private final Runnable onClosed;
    private boolean closed;

    NetworkSession(String network, JID user, String gateway, Outbound out, Runnable onClosed) {
        this.network = network;
        this.user = user;
        this.gateway = gateway;
        this.out = out;
        this.onClosed = onClosed;
    }

    String fold(String name) {
        return conn.isupport().caseMapping().fold(name);
    }

    JID serverJid() {
        return IrcAddress.serverJid(network, gateway);
    }

    ChannelBridge channel(String name) {
        return channels.get(fold(name));
    }

    ChannelBridge channelOrCreate(String name) {
        return channels.computeIfAbsent(fold(name), k -> new ChannelBridge(name,
                IrcAddress.jid(name, network, gateway), out, conn.isupport().caseMapping()));
    }

    /** XEP-0045 §7.2: a resource joins a channel's room. */
    public void join(JID resource, String channel, String nick, String key, String presenceId) {
        ChannelBridge ch = channel(channel);
        if (ch != null && (ch.resources().contains(resource) || ch.waiting().contains(resource))) {
            if (!nick.equals(conn.nick()) && conn.isRegistered()) {
                // XEP-0045 §7.6: presence to a new nick in a room one is in is a nick change.
                pendingNickResource = resource;
                conn.send(IrcMessage.of("NICK", nick));
            }
            return;
        }
        ch = channelOrCreate(channel);
        if (key != null && !key.isEmpty()) {
            keys.put(fold(channel), key);
        }
        if (ch.ready()) {
            ch.addWaiting(resource, nick, presenceId);
            ch.namesComplete(conn.nick());
            return;
        }
        boolean first = ch.waiting().isEmpty() && !ch.joined();
        ch.addWaiting(resource, nick, presenceId);
        if (first && conn.isRegistered()) {
            sendJoin(ch.name());
        }
    }

    void sendJoin(String channel) {
        String key = keys.get(fold(channel));
        conn.send(key == null ? IrcMessage.of("JOIN", channel) : IrcMessage.of("JOIN", channel, key));
    }

    /** A resource leaves a room (unavailable presence); PART when it was the last one, QUIT with the last room. */
    public void leave(JID resource, String channel) {
        ChannelBridge ch = channel(channel);
        if (ch == null) {
            return;
        }
        if (!ch.removeResource(resource, conn.nick()) && !stay.contains(fold(channel))) {
            channels.remove(fold(channel));
            conn.send(IrcMessage.of("PART", ch.name()));
            closeIfIdle();
        }
    }

    /** The resource went offline: it leaves every room of this network. */
    public void resourceGone(JID resource) {
        for (ChannelBridge ch : List.copyOf(channels.values())) {
            leave(resource, ch.name());
        }
    }

    void closeIfIdle() {
        if (channels.isEmpty() && listWaiters.isEmpty()) {
            close("Leaving");
        }
    }

    /**
     * After a failed join or a channel listing the connection stays a while: the user typically retries (with the
     * key, or for the next page), and a fresh connection would race the old one's QUIT for the nick.
     */
    void lingerThenCloseIfIdle() {
        later.accept(LINGER_MILLIS, () -> {
            if (!closed) {
                closeIfIdle();
            }
        });
    }

    /** How long an idle connection stays after a failed join or a listing. */
    public static final long LINGER_MILLIS = 30_000;

    /** Keeps {@code channel} joined when its last resource leaves ("channels that stay joined"). */
    public void stayIn(String channel) {
        stay.add(conn.isupport().caseMapping().fold(channel));
    }

    /** Ends the session on the gateway's initiative: every resource sees its rooms close (XEP-0045 status 332). */
    public void kill(String reason) {
        for (ChannelBridge ch : channels.values()) {
            ch.broadcast(MucStanzas.occupant(ch.occupantJid(conn.nick()), true, "none", "none", null, 110, 332));
        }
        channels.clear();
        close(reason);
    }

    /** Sets how delayed tasks reach this session's lane. */
    public void scheduler(java.util.function.BiConsumer<Long, Runnable> onLaneLater) {
        this.later = onLaneLater;
    }

    /** Closes the IRC connection and forgets the session. */
    public void close(String reason) {
        if (!closed) {
            closed = true;
            conn.close(reason);
            onClosed.run();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** XEP-0045 §7.4: a groupchat message (or subject change, §8.1) from a resource that is in the room. */
    public void groupchat(JID resource, String channel, Message m) {
        ChannelBridge ch = channel(channel);
        if (ch == null || !ch.resources().contains(resource)) {
            out.send(MucStanzas.messageError(IrcAddress.jid(channel, network, gateway), resource,
                    "not-acceptable", PacketError.Type.modify, "join the room first"));
            return;
        }
        if (m.getSubject() != null && m.getBody() == null) {
            String topic = m.getSubject().replaceAll("[\r\n\0]+", " ");
            conn.send(IrcMessage.of("TOPIC", ch.name(), topic));
            return;
        }
        if (m.getBody() == null) {
            return;
        }
        String id = m.getID() == null ? UUID.randomUUID().toString() : m.getID();
        List<String> lines = say(ch.name(), m.getBody(), id);
        if (!conn.caps().contains("echo-message") && !lines.isEmpty()) {
            ch.broadcast(MucStanzas.message(ch.occupantJid(conn.nick()), Message.Type.groupchat, m.getBody(), id,
                    ch.room(), null));
        }
    }

    /** XEP-0045 §7.5 / plain chat: a private message to an IRC user. */
    public void privateMessage(JID resource, String nick, Message m) {
        if (m.getBody() != null) {
            say(nick, m.getBody(), m.getID() == null ? UUID.randomUUID().toString() : m.getID());
        }
    }

    /**
     * Sends a body as PRIVMSGs: {@code /me} becomes a CTCP ACTION, each line is its own message, and long lines are
     * split at the byte budget left after the prefix the server adds. CR, LF and NUL never reach the wire.
     */
    List<String> say(String target, String body, String id) {
        boolean action = body.startsWith("/me ");
        String text = action ? body.substring(4) : body;
        int overhead = 1 + conn.nick().length() + 1 + 10 + 1 + 63 + " PRIVMSG ".length()
                + target.getBytes(conn.network().charset()).length + 2 + (action ? 9 : 0);
        int budget = Math.max(16, conn.isupport().lineLen() - 2 - overhead);
        List<String> lines = LineSplitter.split(text, budget, conn.network().charset());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String wire = action ? Ctcp.action(line) : line;
            conn.send(IrcMessage.of("PRIVMSG", target, wire));
            if (conn.caps().contains("echo-message")) {
                echoes.add(new PendingEcho(fold(target), wire, id, body, i == lines.size() - 1));
            }
        }
        return lines;
    }

    /**
     * Lines a user typed to the server's JID, sent as IRC commands: each line must parse as exactly one IRC message,
     * so nothing can smuggle a second line. Returns false (nothing sent) if any line is not a command.
     */
    public boolean raw(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        List<IrcMessage> msgs = new ArrayList<>();
        for (String line : body.split("\r\n|\r|\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                IrcMessage m = IrcMessage.parse(line.strip().startsWith("/") ? line.strip().substring(1) : line.strip());
                if (m.prefix() != null || !m.tags().isEmpty()) {
                    return false;
                }
                if (m.is("QUIT")) {
                    kill(m.params().isEmpty() ? "Leaving" : m.last());
                    return true;
                }
                msgs.add(m);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        msgs.forEach(conn::send);
        return !msgs.isEmpty();
    }

    /** XEP-0045 §8.4 and §9.6-9.7: kick, voice and op from the muc#admin item, as KICK and MODE. */
    public void admin(String channel, String nick, String role, String affiliation, String reason) {
        if ("none".equals(role)) {
            conn.send(IrcMessage.of("KICK", channel, nick, reason == null || reason.isEmpty() ? nick : reason));
        } else if ("moderator".equals(role) || "admin".equals(affiliation)) {
            conn.send(IrcMessage.of("MODE", channel, "+o", nick));
        } else if ("participant".equals(role)) {
            conn.send(IrcMessage.of("MODE", channel, "+v", nick));
        } else if ("visitor".equals(role)) {
            conn.send(IrcMessage.of("MODE", channel, "-v", nick));
        } else {
            throw new IllegalArgumentException("unsupported change");
        }
    }

    /** LIST: {@code done} gets (channel, users, topic) triples once RPL_LISTEND arrives. */
    public void list(Consumer<List<String[]>> done) {
        boolean first = listWaiters.isEmpty();
        listWaiters.add(done);
        if (first && conn.isRegistered()) {
            listing.clear();
            conn.send(IrcMessage.of("LIST"));
        }
    }

    /** Every resource of the user present in a room of this network (private messages go there). */
    Set<JID> allResources() {
        Set<JID> all = new LinkedHashSet<>();
        for (ChannelBridge ch : channels.values()) {
            all.addAll(ch.resources());
            all.addAll(ch.waiting());
        }
        return all;
    }

    /** A chat message to every resource of the user on this network, or to the bare JID if none. */
    void toUser(Message m) {
        Set<JID> rs = allResources();
        if (rs.isEmpty()) {
            m.setTo(user);
            out.send(m);
        } else {
            out.broadcast(m, new ArrayList<>(rs));
        }
    }

    /** A notice from the IRC server, as a chat message from the server's JID. */
    void serverText(String text) {
        toUser(MucStanzas.message(serverJid(), Message.Type.chat, Formatting.strip(text),
                UUID.randomUUID().toString(), null, null));
    }

    static String stableId(IrcMessage m) {
        String id = m.tag("msgid");
        return id == null || id.isEmpty() ? UUID.randomUUID().toString() : id;
    }

    static Instant serverTime(IrcMessage m) {
        String t = m.tag("time");
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Sends a join error to every resource waiting for {@code channel} and forgets the channel. */
    void joinFailed(String channel, String condition, PacketError.Type type, String text) {
        ChannelBridge ch = channels.remove(fold(channel));
        if (ch == null) {
            return;
        }
        for (JID r : ch.waiting()) {
            out.send(ch.joinError(r, conn.nick(), condition, type, text));
        }
        lingerThenCloseIfIdle();
    }

    /** A message error for {@code channel}'s resources. */
    void channelError(String channel, String condition, String text) {
        ChannelBridge ch = channel(channel);
        if (ch != null) {
            for (JID r : ch.resources()) {
                out.send(MucStanzas.messageError(ch.room(), r, condition, PacketError.Type.cancel, text));
            }
        }
    }

    /** The session's channels, for the admin command. */
    public List<String> channelNames() {
        List<String> names = new ArrayList<>();
        channels.values().forEach(c -> names.add(c.name()));
        return names;
    }

    /** Whether the channel is a channel on this server (its CHANTYPES). */
    boolean isChannel(String name) {
        return conn.isupport().isChannel(name);
    }

    boolean isSelf(String nick) {
        return nick != null && conn.isupport().caseMapping().equals(nick, conn.nick());
    }

    static boolean isJoinError(String numeric) {
        return switch (numeric) {
            case Numerics.ERR_BANNEDFROMCHAN, Numerics.ERR_INVITEONLYCHAN, Numerics.ERR_BADCHANNELKEY,
                    Numerics.ERR_CHANNELISFULL, Numerics.ERR_NOSUCHCHANNEL, "405", "477", "479" -> true;
            default -> false;
        };
    }
}
