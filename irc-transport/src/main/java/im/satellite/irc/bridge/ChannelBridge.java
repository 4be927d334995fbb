package im.satellite.irc.bridge;

import im.satellite.core.Outbound;
import im.satellite.irc.protocol.CaseMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * One IRC channel shown as one XEP-0045 room to the XMPP resources of one user that joined it. Holds the member list
 * (from NAMES, then JOIN/PART/QUIT/NICK/KICK/MODE), the topic, and the resources; emits the occupant presences.
 * Lane-owned.
 */
public final class ChannelBridge {
    private final String name;
    private final JID room;
    private final Outbound out;
    private final CaseMapping caseMapping;
    private final Map<String, Occupant> occupants = new LinkedHashMap<>();
    private final Set<JID> resources = new LinkedHashSet<>();
    private final Set<JID> waiting = new LinkedHashSet<>();
    private final Map<JID, String> requestedNick = new LinkedHashMap<>();
    private final Map<JID, String> joinIds = new LinkedHashMap<>();
    /** IRCv3 away-notify: folded nick to away message. */
    private final Map<String, String> away = new java.util.HashMap<>();
    private boolean namesDone;
    private boolean joined;
    private String topic;
    private String topicBy;

    public ChannelBridge(String name, JID room, Outbound out, CaseMapping caseMapping) {
        this.name = name;
        this.room = room;
        this.out = out;
        this.caseMapping = caseMapping;
    }

    public String name() {
        return name;
    }

    public JID room() {
        return room;
    }

    public boolean joined() {
        return joined;
    }

    /** Resources that see the room. */
    public Set<JID> resources() {
        return resources;
    }

    /** Resources waiting for the join to complete. */
    public Set<JID> waiting() {
        return waiting;
    }

    /** A resource wants in; it sees the room as soon as the member list is complete. */
    public void addWaiting(JID resource, String nick, String presenceId) {
        waiting.add(resource);
        requestedNick.put(resource, nick);
        if (presenceId != null) {
            joinIds.put(resource, presenceId);
        } else {
            joinIds.remove(resource);
        }
    }

    /**
     * XEP-0045 §7.2: a join error goes to a waiting resource from the occupant JID it asked for, with the id of its
     * join presence (clients such as Smack match errors by both).
     */
    public org.xmpp.packet.Presence joinError(JID resource, String fallbackNick, String condition,
                                              org.xmpp.packet.PacketError.Type type, String text) {
        String nick = requestedNick.getOrDefault(resource, fallbackNick);
        org.xmpp.packet.Presence p = MucStanzas.joinError(occupantJid(nick), resource, condition, type, text);
        p.setID(joinIds.get(resource));
        return p;
    }

    public JID occupantJid(String nick) {
        return new JID(room.getNode(), room.getDomain(), nick, true);
    }

    public Occupant occupant(String nick) {
        return occupants.get(caseMapping.fold(nick));
    }

    public Collection<Occupant> occupants() {
        return occupants.values();
    }

    /** We are on the channel (our JOIN echoed); NAMES follows. */
    public void selfJoined() {
        joined = true;
        namesDone = false;
        occupants.clear();
    }

    /** One RPL_NAMREPLY entry, prefix symbols already turned into mode letters. */
    public void name(String nick, String modes) {
        occupants.put(caseMapping.fold(nick), new Occupant(nick, modes));
    }

    public void topic(String text, String by) {
        this.topic = text;
        this.topicBy = by;
    }

    /** RPL_ENDOFNAMES: show the room to every resource waiting for it. */
    public void namesComplete(String selfNick) {
        namesDone = true;
        for (JID r : List.copyOf(waiting)) {
            showTo(r, selfNick);
        }
        waiting.clear();
    }

    /** Whether the member list is complete (a new resource can see the room right away). */
    public boolean ready() {
        return joined && namesDone;
    }

    /**
     * XEP-0045 §7.2.3-§7.2.4: every other occupant, then the self-presence (110, plus 210 when IRC gave a different
     * nick), then the subject (§7.2.15).
     */
    public void showTo(JID resource, String selfNick) {
        Occupant self = occupant(selfNick);
        for (Occupant o : occupants.values()) {
            if (o != self) {
                send(decorate(MucStanzas.occupant(occupantJid(o.nick()), false, o.affiliation(), o.role(), null),
                        o.nick()), resource);
            }
        }
        Occupant me = self == null ? new Occupant(selfNick, "") : self;
        String asked = requestedNick.remove(resource);
        joinIds.remove(resource);
        Presence p = asked != null && !asked.equals(selfNick)
                ? MucStanzas.occupant(occupantJid(selfNick), false, me.affiliation(), me.role(), null, 110, 210)
                : MucStanzas.occupant(occupantJid(selfNick), false, me.affiliation(), me.role(), null, 110);
        send(p, resource);
        resources.add(resource);
        JID from = topicBy == null ? room : occupantJid(topicBy);
        send(MucStanzas.subject(from, topic == null ? "" : topic, UUID.randomUUID().toString()), resource);
    }

    /** Someone else joined. */
    public void joined(String nick) {
        Occupant o = new Occupant(nick, "");
        occupants.put(caseMapping.fold(nick), o);
        broadcast(MucStanzas.occupant(occupantJid(nick), false, o.affiliation(), o.role(), null));
    }

    /** Someone left (PART, QUIT, KICK); {@code self} adds status 110 and removes every resource. */
    public void left(String nick, boolean self, int... codes) {
        Occupant o = occupants.remove(caseMapping.fold(nick));
        away.remove(caseMapping.fold(nick));
        if (o == null && !self) {
            return;
        }
        int[] all = self ? append(codes, 110) : codes;
        broadcast(MucStanzas.occupant(occupantJid(nick), true, "none", "none", null, all));
        if (self) {
            resources.clear();
            joined = false;
            occupants.clear();
        }
    }

    /** XEP-0045 §7.6: unavailable with 303 and the new nick, then available under the new nick. */
    public boolean renamed(String oldNick, String newNick, boolean self) {
        Occupant o = occupants.remove(caseMapping.fold(oldNick));
        if (o == null) {
            return false;
        }
        Occupant n = o.withNick(newNick);
        occupants.put(caseMapping.fold(newNick), n);
        String awayText = away.remove(caseMapping.fold(oldNick));
        if (awayText != null) {
            away.put(caseMapping.fold(newNick), awayText);
        }
        int[] leave = self ? new int[] {303, 110} : new int[] {303};
        int[] back = self ? new int[] {110} : new int[0];
        broadcast(MucStanzas.occupant(occupantJid(oldNick), true, o.affiliation(), o.role(), newNick, leave));
        broadcast(decorate(MucStanzas.occupant(occupantJid(newNick), false, n.affiliation(), n.role(), null, back),
                newNick));
        return true;
    }

    /**
     * IRCv3 away-notify: {@code AWAY :text} shows the occupant as away (RFC 6121 §4.7.2.1 show/status), a bare
     * {@code AWAY} as back.
     */
    public void away(String nick, String text) {
        Occupant o = occupant(nick);
        if (o == null) {
            return;
        }
        if (text == null || text.isEmpty()) {
            away.remove(caseMapping.fold(nick));
        } else {
            away.put(caseMapping.fold(nick), text);
        }
        broadcast(decorate(MucStanzas.occupant(occupantJid(o.nick()), false, o.affiliation(), o.role(), null),
                o.nick()));
    }

    private Presence decorate(Presence p, String nick) {
        String text = away.get(caseMapping.fold(nick));
        if (text != null) {
            p.setShow(Presence.Show.away);
            p.setStatus(text);
        }
        return p;
    }

    /** A membership mode changed: the occupant's presence shows the new role and affiliation. */
    public void mode(String nick, char mode, boolean add, boolean self) {
        Occupant o = occupant(nick);
        if (o == null) {
            return;
        }
        Occupant n = o.withModes(o.changed(mode, add));
        occupants.put(caseMapping.fold(nick), n);
        if (!n.affiliation().equals(o.affiliation()) || !n.role().equals(o.role())) {
            broadcast(self ? MucStanzas.occupant(occupantJid(nick), false, n.affiliation(), n.role(), null, 110)
                    : MucStanzas.occupant(occupantJid(nick), false, n.affiliation(), n.role(), null));
        }
    }

    /** A resource leaves; returns whether any resource is left. */
    public boolean removeResource(JID resource, String selfNick) {
        if (resources.remove(resource)) {
            send(MucStanzas.occupant(occupantJid(selfNick), true, "none", "none", null, 110), resource);
        }
        waiting.remove(resource);
        return !resources.isEmpty() || !waiting.isEmpty();
    }

    /** Sends to every resource that sees the room. */
    public void broadcast(Packet p) {
        if (!resources.isEmpty()) {
            out.broadcast(p, new ArrayList<>(resources));
        }
    }

    private void send(Packet p, JID to) {
        Packet c = p.createCopy();
        c.setTo(to);
        out.send(c);
    }

    private static int[] append(int[] a, int v) {
        int[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = v;
        return r;
    }
}
