package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.muc.element.DataForm;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.element.StatusCode;
import im.satellite.muc.event.Events;
import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.feature.ConfigOrder;
import im.satellite.muc.feature.MembersOnlyFeature;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Notice;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import im.satellite.muc.room.RoomState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The {@code muc#owner} query (XEP-0045 §10): the configuration form (§10.2) built from the features' fields,
 * submissions (instant rooms §10.1.2, reserved rooms §10.1.3, change notices 104/170-173 §10.2.1), and destroying a
 * room (§10.9).
 */
public final class OwnerQueryHandler {
    private static final String OWNERS = "muc#roomconfig_roomowners";
    private static final String ADMINS = "muc#roomconfig_roomadmins";

    private final RoomRegistry registry;
    private final RoomHooks hooks;

    public OwnerQueryHandler(RoomRegistry registry, RoomHooks hooks) {
        this.registry = registry;
        this.hooks = hooks;
    }

    private Room ownedRoom(IQ iq) {
        Room room = RoomAccess.room(registry, iq);
        if (room.affiliation(iq.getFrom()) != Affiliation.OWNER) {
            throw new StanzaException(PacketError.Condition.forbidden, "only owners may configure the room");
        }
        return room;
    }

    /** §10.2: the configuration form. */
    public void get(IQ iq, StanzaContext ctx) {
        Room room = ownedRoom(iq);
        DataForm form = new DataForm("form", MucNs.ROOMCONFIG, "Configuration for " + room.jid().getNode());
        hooks.fireConfigForm(new Events.ConfigForm(room, form));
        form.add(ConfigOrder.ADMINS, ADMINS, "jid-multi", "Room Admins", list(room, Affiliation.ADMIN));
        form.add(ConfigOrder.OWNERS, OWNERS, "jid-multi", "Room Owners", list(room, Affiliation.OWNER));
        Element q = Elements.create("query", MucNs.OWNER);
        q.add(form.toElement());
        ctx.result(q);
    }

    private static List<String> list(Room room, Affiliation a) {
        List<String> out = new ArrayList<>();
        room.affiliations().forEach((jid, aff) -> {
            if (aff == a) {
                out.add(jid);
            }
        });
        return out;
    }

    public void set(IQ iq, StanzaContext ctx) {
        Room room = ownedRoom(iq);
        Element q = iq.getChildElement();
        Element destroy = q.element("destroy");
        if (destroy != null) {
            destroy(room, destroy.attributeValue("jid"), destroy.elementText("reason"),
                    destroy.elementText("password"));
            ctx.result();
            return;
        }
        Element x = DataForm.find(q).orElseThrow(
                () -> new StanzaException(PacketError.Condition.bad_request, "a data form or destroy is needed"));
        String type = x.attributeValue("type");
        if ("cancel".equals(type)) {
            // §10.1.3: cancelling the initial configuration of a reserved room destroys it.
            if (room.locked()) {
                destroy(room, null, null, null);
            }
            ctx.result();
            return;
        }
        if (!"submit".equals(type)) {
            throw new StanzaException(PacketError.Condition.bad_request, "the form must be submitted or cancelled");
        }
        Set<Integer> notice = submit(room, DataForm.values(x));
        ctx.result();
        if (!notice.isEmpty()) {
            room.broadcastStatus(notice);
        }
    }

    /** Applies a submitted form; returns the status codes to announce (empty when nothing is announced). */
    private Set<Integer> submit(Room room, Map<String, List<String>> values) {
        RoomState draft = room.state().copy();
        Set<Integer> codes = new TreeSet<>();
        for (Map.Entry<String, List<String>> f : values.entrySet()) {
            if (hooks.handlesField(f.getKey())) {
                HookResult r = hooks.fireConfigField(new Events.ConfigField(room, draft, f.getKey(), f.getValue(),
                        codes));
                r.orThrow();
            }
        }
        Set<JID> owners = jids(values.get(OWNERS));
        Set<JID> admins = jids(values.get(ADMINS));
        if (owners != null && owners.isEmpty()) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "a room needs at least one owner");
        }
        boolean wasLocked = room.locked();
        boolean wasMembersOnly = room.get(MembersOnlyFeature.MEMBERS_ONLY);
        boolean changed = !draft.raw().equals(room.state().raw());
        room.locked(false);
        // saves the whole room when it is (now) persistent, forgets it in the store when it no longer is
        room.replaceState(draft);
        applyList(room, owners, Affiliation.OWNER);
        applyList(room, admins, Affiliation.ADMIN);
        if (!wasMembersOnly && room.get(MembersOnlyFeature.MEMBERS_ONLY)) {
            // §9.4 / status 322: non-members are removed when a room becomes members-only.
            for (Occupant o : room.occupants()) {
                if (room.affiliation(o.bareJid()).rank() < Affiliation.MEMBER.rank()) {
                    AdminQueryHandler.remove(room, o, StatusCode.REMOVED_MEMBERS_ONLY, null, null);
                }
            }
        }
        Set<Integer> notice = new LinkedHashSet<>();
        if (changed && !wasLocked) {
            notice.add(StatusCode.CONFIG_CHANGED);
            notice.addAll(codes);
        }
        return notice;
    }

    private static Set<JID> jids(List<String> values) {
        if (values == null) {
            return null;
        }
        Set<JID> out = new LinkedHashSet<>();
        for (String v : values) {
            if (!v.isBlank()) {
                try {
                    out.add(new JID(new JID(v.trim()).toBareJID()));
                } catch (IllegalArgumentException e) {
                    throw new StanzaException(PacketError.Condition.not_acceptable, "invalid JID in a list");
                }
            }
        }
        return out;
    }

    /** Makes exactly {@code jids} hold {@code a}: others holding it drop to member (§10.3-§10.7 via the form). */
    private static void applyList(Room room, Set<JID> jids, Affiliation a) {
        if (jids == null) {
            return;
        }
        for (String held : list(room, a)) {
            JID j = new JID(held);
            if (!jids.contains(j)) {
                AdminQueryHandler.setAffiliation(room, j, Affiliation.MEMBER, null, null);
            }
        }
        for (JID j : jids) {
            if (room.affiliation(j) != a) {
                AdminQueryHandler.setAffiliation(room, j, a, null, null);
            }
        }
    }

    /** §10.9: every occupant gets unavailable presence with the destroy element; the room is forgotten. */
    public static void destroy(Room room, String alternate, String reason, String password) {
        Element d = destroyElement(MucNs.USER, alternate, reason, password);
        for (Occupant o : room.occupants()) {
            room.broadcast(room.presence(o, null, Notice.leaving().withDestroy(d), false, true), o.sessions());
        }
        for (Occupant o : room.occupants()) {
            room.removeOccupant(o);
        }
        room.destroy();
    }

    /** A {@code <destroy/>} element (XEP-0045 §10.9) with an optional alternate venue and reason. */
    static Element destroyElement(String ns, String alternate, String reason, String password) {
        Element d = Elements.create("destroy", ns);
        if (alternate != null) {
            d.addAttribute("jid", alternate);
        }
        if (reason != null) {
            d.addElement("reason", ns).setText(reason);
        }
        if (password != null) {
            d.addElement("password", ns).setText(password);
        }
        return d;
    }
}
