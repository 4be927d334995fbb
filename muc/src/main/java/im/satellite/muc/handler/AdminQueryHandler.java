package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.element.StatusCode;
import im.satellite.muc.feature.MemberListFeature;
import im.satellite.muc.feature.MembersOnlyFeature;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Notice;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Role;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.util.List;
import java.util.Map;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * The {@code muc#admin} query (XEP-0045 §8 moderator and §9 admin use cases, §10.3-§10.7 owner lists): kick (307),
 * voice, ban (301), member/moderator/admin/owner lists, with the privilege tables of §5.1.2 and §5.2.1.
 */
public final class AdminQueryHandler {
    private final RoomRegistry registry;
    private final boolean memberListFeature;

    /**
     * @param memberListFeature whether the {@code get_member_list} feature is on (occupants of the roles it names may
     *                          get the member list, §7.9); otherwise only admins and owners see affiliation lists
     */
    public AdminQueryHandler(RoomRegistry registry, boolean memberListFeature) {
        this.registry = registry;
        this.memberListFeature = memberListFeature;
    }

    /** §8.5, §9.5, §10.5: list occupants by role or users by affiliation. */
    public void get(IQ iq, StanzaContext ctx) {
        Room room = RoomAccess.room(registry, iq);
        Element item = iq.getChildElement().element("item");
        if (item == null) {
            throw new StanzaException(PacketError.Condition.bad_request, "an item with a role or affiliation is needed");
        }
        Affiliation me = room.affiliation(iq.getFrom());
        Occupant self = room.occupantBySession(iq.getFrom());
        Element q = Elements.create("query", MucNs.ADMIN);
        if (item.attributeValue("affiliation") != null) {
            Affiliation a = Affiliation.parse(item.attributeValue("affiliation")).orElseThrow(
                    () -> new StanzaException(PacketError.Condition.bad_request, "unknown affiliation"));
            boolean memberList = a == Affiliation.MEMBER && memberListFeature && MemberListFeature.mayGet(room, self);
            if (!me.isAdmin() && !memberList) {
                throw new StanzaException(PacketError.Condition.forbidden, "only admins may see affiliation lists");
            }
            Map<String, String> nicks = room.reservedNicks();
            room.affiliations().forEach((jid, aff) -> {
                if (aff == a) {
                    Element i = q.addElement("item").addAttribute("affiliation", aff.xml()).addAttribute("jid", jid);
                    if (nicks.containsKey(jid)) {
                        i.addAttribute("nick", nicks.get(jid));
                    }
                }
            });
        } else {
            Role r = Role.parse(item.attributeValue("role")).orElseThrow(
                    () -> new StanzaException(PacketError.Condition.bad_request, "unknown role"));
            if (self == null || self.role() != Role.MODERATOR) {
                throw new StanzaException(PacketError.Condition.forbidden, "only moderators may see role lists");
            }
            for (Occupant o : room.occupants()) {
                if (o.role() == r) {
                    q.addElement("item").addAttribute("affiliation", room.affiliation(o.bareJid()).xml())
                            .addAttribute("jid", o.primary().toString()).addAttribute("nick", o.nick())
                            .addAttribute("role", o.role().xml());
                }
            }
        }
        ctx.result(q);
    }

    /** §8.2-§8.4, §9.1-§9.8, §10.3-§10.7: change roles or affiliations; all items are checked before any applies. */
    public void set(IQ iq, StanzaContext ctx) {
        Room room = RoomAccess.room(registry, iq);
        List<Element> items = iq.getChildElement().elements("item");
        if (items.isEmpty()) {
            throw new StanzaException(PacketError.Condition.bad_request, "no items");
        }
        Occupant actor = room.occupantBySession(iq.getFrom());
        Affiliation me = room.affiliation(iq.getFrom());
        for (Element item : items) {
            check(room, actor, me, item);
        }
        for (Element item : items) {
            String reason = item.elementText("reason");
            String actorNick = actor == null ? null : actor.nick();
            if (item.attributeValue("role") != null && item.attributeValue("affiliation") == null) {
                Occupant target = room.occupant(item.attributeValue("nick"));
                Role.parse(item.attributeValue("role")).ifPresent(r -> setRole(room, target, r, actorNick, reason));
            } else {
                JID user = targetJid(room, item);
                Affiliation a = Affiliation.parse(item.attributeValue("affiliation")).orElseThrow();
                setAffiliation(room, user, a, actorNick, reason);
            }
        }
        ctx.result();
    }

    private void check(Room room, Occupant actor, Affiliation me, Element item) {
        String roleAttr = item.attributeValue("role");
        String affAttr = item.attributeValue("affiliation");
        if (affAttr == null && roleAttr != null) {
            Role r = Role.parse(roleAttr).orElseThrow(
                    () -> new StanzaException(PacketError.Condition.bad_request, "unknown role"));
            if (actor == null || actor.role() != Role.MODERATOR) {
                throw new StanzaException(PacketError.Condition.forbidden, "only moderators may change roles");
            }
            Occupant target = room.occupant(item.attributeValue("nick"));
            if (target == null) {
                throw new StanzaException(PacketError.Condition.item_not_found, "no occupant with that nick");
            }
            Affiliation ta = room.affiliation(target.bareJid());
            // §8.2, §8.4, §9.7: admins and owners MUST NOT be kicked, silenced or stripped of the moderator role.
            if (ta.isAdmin() && r != Role.MODERATOR) {
                throw new StanzaException(PacketError.Condition.not_allowed, "admins and owners stay moderators");
            }
            // §9.6-9.7: only admins and owners grant or revoke the moderator role.
            if ((r == Role.MODERATOR || target.role() == Role.MODERATOR) && !me.isAdmin()) {
                throw new StanzaException(PacketError.Condition.not_allowed, "only admins may change moderators");
            }
            return;
        }
        Affiliation a = Affiliation.parse(affAttr).orElseThrow(
                () -> new StanzaException(PacketError.Condition.bad_request, "unknown affiliation"));
        JID user = targetJid(room, item);
        if (!me.isAdmin()) {
            throw new StanzaException(PacketError.Condition.forbidden, "only admins may change affiliations");
        }
        Affiliation current = room.affiliation(user);
        if (me != Affiliation.OWNER && (a.isAdmin() || current.isAdmin())) {
            throw new StanzaException(PacketError.Condition.not_allowed, "only owners may change admins and owners");
        }
        if (current == Affiliation.OWNER && a != Affiliation.OWNER && ownerCount(room) <= 1) {
            // §10.8: the last owner may not be removed.
            throw new StanzaException(PacketError.Condition.conflict, "a room needs at least one owner");
        }
    }

    private static long ownerCount(Room room) {
        return room.affiliations().values().stream().filter(a -> a == Affiliation.OWNER).count();
    }

    private JID targetJid(Room room, Element item) {
        String jid = item.attributeValue("jid");
        if (jid != null) {
            try {
                return new JID(new JID(jid).toBareJID());
            } catch (IllegalArgumentException e) {
                throw new StanzaException(PacketError.Condition.jid_malformed, "invalid jid");
            }
        }
        Occupant o = item.attributeValue("nick") == null ? null : room.occupant(item.attributeValue("nick"));
        if (o == null) {
            throw new StanzaException(PacketError.Condition.bad_request, "an affiliation change needs a jid");
        }
        return o.bareJid();
    }

    private static void setRole(Room room, Occupant target, Role r, String actor, String reason) {
        if (r == Role.NONE) {
            // §8.2: kick, status 307, to the kicked occupant as well.
            room.broadcastPresence(target, null, Notice.leaving(StatusCode.KICKED).withActor(actor, reason),
                    target.sessions());
            room.removeOccupant(target);
            room.emptied();
            return;
        }
        target.role(r);
        room.broadcastPresence(target, target.presence(), Notice.available().withActor(null, reason),
                target.sessions());
    }

    public static void setAffiliation(Room room, JID user, Affiliation a, String actor, String reason) {
        Affiliation before = room.affiliation(user);
        room.setAffiliation(user, a);
        if (room.occupants().stream().noneMatch(o -> o.bareJid().equals(user))) {
            notifyAbsent(room, user, a);
            return;
        }
        for (Occupant o : room.occupants()) {
            if (!o.bareJid().equals(user)) {
                continue;
            }
            if (a == Affiliation.OUTCAST) {
                remove(room, o, StatusCode.BANNED, actor, reason);
            } else if (room.get(MembersOnlyFeature.MEMBERS_ONLY) && a == Affiliation.NONE) {
                remove(room, o, StatusCode.REMOVED_AFFILIATION, actor, reason);
            } else {
                Role def = room.defaultRole(a);
                boolean wasByAffiliation = before.isAdmin();
                o.role(a.isAdmin() || wasByAffiliation || def.rank() > o.role().rank() ? def : o.role());
                room.broadcastPresence(o, o.presence(), Notice.available().withActor(null, reason), o.sessions());
            }
        }
    }

    /** XEP-0045 §15.6 status 101: a courtesy message to a user whose affiliation changed while not in the room. */
    private static void notifyAbsent(Room room, JID user, Affiliation a) {
        Message m = new Message();
        m.setFrom(room.jid());
        m.setTo(user);
        m.setBody("Your affiliation with " + room.jid() + " is now " + a.xml() + ".");
        Element x = m.addChildElement("x", MucNs.USER);
        x.addElement("item").addAttribute("affiliation", a.xml()).addAttribute("jid", user.toBareJID());
        x.addElement("status").addAttribute("code", Integer.toString(StatusCode.AFFILIATION_CHANGED));
        room.send(m);
    }

    static void remove(Room room, Occupant o, int code, String actor, String reason) {
        room.broadcastPresence(o, null, Notice.leaving(code).withActor(actor, reason), o.sessions());
        room.removeOccupant(o);
        room.emptied();
    }
}
