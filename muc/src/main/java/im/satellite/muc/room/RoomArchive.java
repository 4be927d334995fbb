package im.satellite.muc.room;

import im.satellite.core.error.ErrorReplies;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.element.StanzaId;
import im.satellite.muc.store.ArchiveStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * A room's XEP-0313 archive: archiving a broadcast through the group commit (the broadcast leaves only once its row
 * is committed), and the discussion history served from the archive (XEP-0045 §7.2.15, so it survives restarts and
 * unloading). Lane-confined, like the room.
 */
public final class RoomArchive implements RoomHistory {
    private static final Logger log = LoggerFactory.getLogger(RoomArchive.class);
    public static final String CLIENT_NS = "jabber:client";

    private final Room room;

    RoomArchive(Room room) {
        this.room = room;
    }

    private String key() {
        return Room.key(room.jid());
    }

    /**
     * XEP-0313 §7.1.2: messages with a body are stored, and subject changes; so are XEP-0425 moderation notices, so
     * that a client catching up learns about the retraction. Chat states, markers and the room's status messages are
     * not.
     */
    static boolean archivable(Message m) {
        return m.getFrom() != null && (m.getBody() != null || m.getElement().element("subject") != null
                && m.getFrom().getResource() != null || m.getChildElement("retract", MucNs.RETRACT) != null);
    }

    /**
     * Hands the message to the archive writer and queues {@code release} (the broadcast) behind it. If the commit
     * fails, nobody gets the message and {@code session} (the sender, if any) gets an error.
     */
    void append(Message m, JID session, Runnable release) {
        String nick = m.getFrom().getResource() == null ? "" : m.getFrom().getResource();
        Occupant author = nick.isEmpty() ? null : room.occupant(nick);
        Message stored = m.createCopy();
        stored.setTo((JID) null);
        // XEP-0313 §7.1.2 / §9.2: a pre-existing muc#user <x/> is stripped; the room adds its own when it may.
        for (Element x : List.copyOf(stored.getElement().elements("x"))) {
            if (MucNs.USER.equals(x.getNamespaceURI())) {
                stored.getElement().remove(x);
            }
        }
        String id = StanzaId.of(m, room.jid()).orElseThrow();
        Instant now = room.services().clock().instant();
        ArchiveStore.Row row = new ArchiveStore.Row(key(), id, now, nick,
                author == null ? null : author.bareJid().toBareJID().toLowerCase(java.util.Locale.ROOT),
                m.getBody() != null, stored.toXML());
        RoomOutbox.Hold hold = room.outbox().hold(release, () -> failed(m, session));
        room.services().writer().append(row, ok -> room.services().lanes()
                .execute(key(), () -> room.outbox().released(hold, ok)));
    }

    private void failed(Message m, JID session) {
        log.warn("{}: a message could not be archived and was not broadcast", room.jid());
        if (session != null) {
            Message in = m.createCopy();
            in.setFrom(session);
            in.setTo(room.jid());
            ErrorReplies.reply(in, PacketError.Condition.internal_server_error, room.jid())
                    .ifPresent(room.outbox()::send);
        }
    }

    @Override
    public void add(Message broadcast, Instant at) {
        // Archived by append(), through the group commit.
    }

    @Override
    public List<Entry> select(Request r, Instant now) {
        Instant notBefore = r.since() == null ? Instant.EPOCH : r.since();
        if (r.seconds() != null && now.minusSeconds(r.seconds()).isAfter(notBefore)) {
            notBefore = now.minusSeconds(r.seconds());
        }
        int max = r.maxstanzas() == null ? Integer.MAX_VALUE : r.maxstanzas();
        if (max == 0) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        int chars = 0;
        for (ArchiveStore.Row row : room.services().archive().recent(key(), notBefore, max)) {
            if (r.maxchars() != null && chars + row.stanza().length() > r.maxchars()) {
                break;
            }
            chars += row.stanza().length();
            out.add(new Entry(new Message(parse(row.stanza()), true), row.stamp(), row.stanza().length()));
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * XEP-0425 §5: the archived message becomes a tombstone: its attributes, stanza id and occupant id stay, its
     * content is replaced by {@code retracted}.
     */
    @Override
    public boolean retract(String stanzaId, Element retracted) {
        ArchiveStore store = room.services().archive();
        List<ArchiveStore.Stored> found = store.page(new ArchiveStore.Filter(key(), null, null, null, null, null,
                null, List.of(stanzaId)), 1, false);
        if (found.isEmpty()) {
            return false;
        }
        Element original = parse(found.get(0).row().stanza());
        Element tomb = DocumentHelper.createElement(original.getQName());
        for (org.dom4j.Attribute a : original.attributes()) {
            tomb.addAttribute(a.getQName(), a.getValue());
        }
        for (Element c : original.elements()) {
            if (c.getName().equals(StanzaId.ELEMENT) || c.getName().equals("occupant-id")) {
                tomb.add(c.createCopy());
            }
        }
        tomb.add(retracted.createCopy());
        return store.retract(key(), stanzaId, tomb.asXML());
    }

    @Override
    public void clear() {
        room.services().archive().deleteRoom(key());
    }

    /** A stored stanza as an element (the room wrote it, so it parses). */
    public static Element parse(String xml) {
        try {
            return DocumentHelper.parseText(xml).getRootElement();
        } catch (DocumentException e) {
            throw new IllegalStateException("unreadable archived stanza", e);
        }
    }

    /**
     * A copy of a stored stanza in {@code jabber:client}, as XEP-0297 wants a forwarded stanza (its children without
     * a namespace of their own would otherwise be written with {@code xmlns=""}).
     */
    public static Element inClientNamespace(Element e) {
        String ns = e.getNamespaceURI();
        boolean client = ns.isEmpty() || ns.equals(CLIENT_NS) || ns.equals("jabber:component:accept");
        Element copy = DocumentHelper.createElement(client ? QName.get(e.getName(), Namespace.get(CLIENT_NS))
                : QName.get(e.getName(), e.getNamespace()));
        for (org.dom4j.Attribute a : e.attributes()) {
            copy.addAttribute(a.getQName(), a.getValue());
        }
        if (e.elements().isEmpty()) {
            copy.setText(e.getText());
        }
        for (Element c : e.elements()) {
            copy.add(client ? inClientNamespace(c) : c.createCopy());
        }
        return copy;
    }
}
