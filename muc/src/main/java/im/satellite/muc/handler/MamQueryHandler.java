package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.element.StanzaId;
import im.satellite.muc.feature.MembersOnlyFeature;
import im.satellite.muc.feature.PasswordFeature;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomArchive;
import im.satellite.muc.room.RoomRegistry;
import im.satellite.muc.store.ArchiveStore;
import im.satellite.muc.store.ArchiveStore.Filter;
import im.satellite.muc.store.ArchiveStore.Stored;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * XEP-0313 queries on a room's bare JID (§4, MUC archives §7.1.2): the form (§4.1.2), queries with XEP-0059 paging
 * answered by one {@code <message><result/></message>} per item and the {@code <fin/>} result, and the #extended
 * metadata query. Access follows Prosody's mod_muc_mam: anyone who is not an outcast, and in members-only rooms only
 * members, admins and owners (§7.1.2 "the right to enter it").
 */
public final class MamQueryHandler {
    private final RoomRegistry registry;
    private final ArchiveStore store;

    public MamQueryHandler(RoomRegistry registry, ArchiveStore store) {
        this.registry = registry;
        this.store = store;
    }

    private Room archive(IQ iq) {
        Room room = RoomAccess.room(registry, iq);
        Affiliation a = room.affiliation(iq.getFrom());
        if (room.locked() && a != Affiliation.OWNER) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such room");
        }
        if (!room.archiving()) {
            throw new StanzaException(PacketError.Condition.item_not_found, "this room keeps no archive");
        }
        if (a == Affiliation.OUTCAST || room.get(MembersOnlyFeature.MEMBERS_ONLY) && a == Affiliation.NONE) {
            throw new StanzaException(PacketError.Condition.forbidden, "you may not read this room's archive");
        }
        // A password keeps the discussion from strangers: its archive is read by affiliated users and by sessions
        // that are in the room (they gave the password), not by anyone who merely knows the room's address.
        if (room.get(PasswordFeature.PROTECTED) && a == Affiliation.NONE && room.occupantBySession(iq.getFrom()) == null) {
            throw new StanzaException(PacketError.Condition.forbidden,
                    "enter the room (with its password) to read its archive");
        }
        return room;
    }

    /** An iq get of {@code <query/>}: the form. */
    public void form(IQ iq, StanzaContext ctx) {
        archive(iq);
        Element q = Elements.create("query", MucNs.MAM);
        q.add(MamRequest.form());
        ctx.result(q);
    }

    /** An iq get of {@code <metadata/>} (#extended): the first and last archived messages. */
    public void metadata(IQ iq, StanzaContext ctx) {
        Room room = archive(iq);
        Filter all = new Filter(Room.key(room.jid()), null, null, null, null, null, null, null);
        Element m = Elements.create("metadata", MucNs.MAM);
        List<Stored> first = store.page(all, 1, false);
        if (!first.isEmpty()) {
            Stored last = store.page(all, 1, true).get(0);
            m.addElement("start").addAttribute("id", first.get(0).row().id())
                    .addAttribute("timestamp", stamp(first.get(0).row()));
            m.addElement("end").addAttribute("id", last.row().id()).addAttribute("timestamp", stamp(last.row()));
        }
        ctx.result(m);
    }

    /** An iq set of {@code <query/>}: the matching messages, one page. */
    public void query(IQ iq, StanzaContext ctx) {
        Room room = archive(iq);
        MamRequest r = MamRequest.parse(iq.getChildElement());
        boolean seesJids = room.canSeeRealJids(room.occupantBySession(iq.getFrom()));
        Filter f = filter(room, r, seesJids);
        long count = store.count(f);
        boolean last = r.before() != null;
        Long after = r.after() == null ? null : seq(room, r.after());
        Long before = r.before() == null || r.before().isEmpty() ? null : seq(room, r.before());
        List<Stored> page = new ArrayList<>(store.page(f.bounded(after, before), r.max() + 1, last));
        boolean more = page.size() > r.max();
        if (more) {
            page.remove(last ? 0 : page.size() - 1);
        }
        List<Stored> sent = new ArrayList<>(page);
        if (r.flip()) {
            Collections.reverse(sent);
        }
        for (Stored s : sent) {
            room.send(result(room, iq.getFrom(), r.queryId(), s.row(), seesJids));
        }
        Element fin = Elements.create("fin", MucNs.MAM);
        if (!more) {
            fin.addAttribute("complete", "true");
        }
        Element set = fin.addElement("set", Namespaces.RSM);
        if (!page.isEmpty()) {
            set.addElement("first").addAttribute("index",
                    Long.toString(store.count(f.bounded(null, page.get(0).seq()))))
                    .setText(page.get(0).row().id());
            set.addElement("last").setText(page.get(page.size() - 1).row().id());
        }
        set.addElement("count").setText(Long.toString(count));
        ctx.result(fin);
    }

    private Filter filter(Room room, MamRequest r, boolean seesJids) {
        String nick = null;
        String sender = null;
        if (r.with() != null) {
            if (Room.key(r.with()).equals(Room.key(room.jid()))) {
                // An occupant JID (room@service/nick), or the room itself (its own messages).
                nick = r.with().getResource() == null ? "" : r.with().getResource();
            } else if (seesJids) {
                sender = r.with().toBareJID().toLowerCase(Locale.ROOT);
            } else {
                // §4.1.1: only for those who may already know who published what.
                throw new StanzaException(PacketError.Condition.forbidden, "you may not see real JIDs here");
            }
        }
        return new Filter(Room.key(room.jid()), r.start(), r.end(), nick, sender,
                r.afterId() == null ? null : seq(room, r.afterId()),
                r.beforeId() == null ? null : seq(room, r.beforeId()), r.ids());
    }

    /** §4.1.1 / XEP-0059 §2.5: an id that is not in the archive is item-not-found. */
    private long seq(Room room, String id) {
        return store.seq(Room.key(room.jid()), id).orElseThrow(() ->
                new StanzaException(PacketError.Condition.item_not_found, "no archived message " + id));
    }

    private static Message result(Room room, JID to, String queryId, ArchiveStore.Row row, boolean seesJids) {
        Message m = new Message();
        m.setFrom(room.jid());
        m.setTo(to);
        m.setID(StanzaId.next());
        Element result = m.addChildElement("result", MucNs.MAM).addAttribute("id", row.id());
        if (queryId != null) {
            result.addAttribute("queryid", queryId);
        }
        Element fwd = result.addElement("forwarded", MucNs.FORWARD);
        fwd.addElement("delay", Namespaces.DELAY).addAttribute("stamp", stamp(row));
        Element original = RoomArchive.inClientNamespace(RoomArchive.parse(row.stanza()));
        if (seesJids && row.sender() != null) {
            // §7.1.2: the occupant's real JID for those who may see it.
            original.addElement("x", MucNs.USER).addElement("item", MucNs.USER).addAttribute("jid", row.sender());
        }
        fwd.add(original);
        return m;
    }

    private static String stamp(ArchiveStore.Row row) {
        return DateTimeFormatter.ISO_INSTANT.format(row.stamp().truncatedTo(ChronoUnit.MILLIS));
    }
}
