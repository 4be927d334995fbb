package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.element.StatusCode;
import im.satellite.muc.event.Events;
import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.feature.LoggingFeature;
import im.satellite.muc.limits.AbuseLimits;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Nicks;
import im.satellite.muc.room.Notice;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.OccupantIds;
import im.satellite.muc.room.Role;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Presence to occupant JIDs (XEP-0045 §7.1-§7.2 entering, §7.6 nick change, §7.7 presence updates, §7.14 leaving),
 * including room creation (§10.1) and multi-session nicks.
 */
public final class PresenceHandler {
    private final RoomRegistry registry;
    private final RoomHooks hooks;
    private final Predicate<JID> mayCreate;
    private final boolean lockNewRooms;
    private final AbuseLimits limits;

    /**
     * @param lockNewRooms whether new rooms stay locked until configured (the {@code lock} feature, §10.1.1); when
     *                     not, every new room is an instant room
     */
    public PresenceHandler(RoomRegistry registry, RoomHooks hooks, Predicate<JID> mayCreate, boolean lockNewRooms,
                           AbuseLimits limits) {
        this.registry = registry;
        this.hooks = hooks;
        this.mayCreate = mayCreate;
        this.lockNewRooms = lockNewRooms;
        this.limits = limits;
    }

    /** Presence to {@code room@service/nick}. */
    public void toOccupant(Presence p, StanzaContext ctx) {
        JID from = p.getFrom();
        Presence.Type type = p.getType();
        if (from == null) {
            return;
        }
        if (type == Presence.Type.error) {
            // Prosody's handle_kickable: any presence error from an occupant's session removes it (333).
            registry.find(p.getTo()).ifPresent(r -> Bounces.remove(r, from, p));
            return;
        }
        if (type == Presence.Type.unavailable) {
            registry.find(p.getTo()).ifPresent(r -> {
                Occupant o = r.occupantBySession(from);
                if (o != null) {
                    leave(r, o, from, p);
                }
            });
            return;
        }
        if (type == Presence.Type.probe) {
            probe(p);
            return;
        }
        if (type != null) {
            return;
        }
        String asked = p.getTo().getResource();
        String nick = Nicks.prep(asked).orElseThrow(() -> new StanzaException(PacketError.Condition.jid_malformed,
                "a room nickname is required, and it must be a valid resource"));
        boolean modified = !nick.equals(asked);
        Optional<Room> found = registry.find(p.getTo());
        Room room;
        boolean created = false;
        if (found.isPresent()) {
            room = found.get();
        } else {
            if (!mayCreate.test(from)) {
                throw new StanzaException(PacketError.Condition.not_allowed, "you may not create rooms here");
            }
            limits.roomCreated(from);
            room = registry.create(p.getTo());
            created = true;
        }
        Occupant o = room.occupantBySession(from);
        if (o == null) {
            join(room, p, nick, created, modified);
        } else if (!o.nick().equals(nick)) {
            changeNick(room, o, p, nick, modified);
        } else if (p.getChildElement("x", MucNs.MUC) != null) {
            resync(room, o, p);
        } else {
            update(room, o, p);
        }
    }

    /**
     * §7.7 presence update. The occupant's shown presence is its primary session's: an update from another session
     * of a multi-session nick only goes back to that session.
     */
    private static void update(Room room, Occupant o, Presence p) {
        JID from = p.getFrom();
        room.updateSession(o, from, p);
        if (o.primary().equals(from)) {
            room.broadcastPresence(o, p, Notice.available(), o.sessions());
        } else {
            Presence self = room.presence(o, p, Notice.available(), true, true);
            self.setTo(from);
            room.send(self);
        }
    }

    /**
     * §17.3 rule 3: a join from a session that is already in the room is a full synchronisation: it gets the
     * occupant list, its own presence, the history and the subject again; the others get the presence only if it
     * differs from the session's previous one (and it is the presence they see, the primary session's).
     */
    private void resync(Room room, Occupant o, Presence p) {
        JID from = p.getFrom();
        boolean differs = !showable(o.presence(from)).equals(showable(p));
        room.updateSession(o, from, p);
        sendOccupantList(room, o, from);
        if (differs && o.primary().equals(from)) {
            room.broadcastPresence(o, p, Notice.available(selfCodes(room, false, false)), o.sessions());
        } else {
            Presence self = room.presence(o, p, Notice.available(selfCodes(room, false, false)), true, true);
            self.setTo(from);
            room.send(self);
        }
        hooks.fireSessionNew(new Events.SessionNew(room, o, from, p.getChildElement("x", MucNs.MUC)));
    }

    /** What others see of a presence: its children other than MUC elements and occupant ids, as XML. */
    private static String showable(Presence p) {
        if (p == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Element c : p.getElement().elements()) {
            String ns = c.getNamespaceURI();
            if (!MucNs.MUC.equals(ns) && !MucNs.USER.equals(ns) && !OccupantIds.NS.equals(ns)) {
                sb.append(c.asXML());
            }
        }
        return sb.toString();
    }

    /** §7.2.3: the presence of every other (broadcast) occupant, to a session entering or re-synchronising. */
    private static void sendOccupantList(Room room, Occupant o, JID session) {
        for (Occupant other : room.occupants()) {
            if (other != o && room.visible(other)) {
                Presence op = room.presence(other, other.presence(), Notice.available(), room.canSeeRealJids(o),
                        false);
                op.setTo(session);
                room.send(op);
            }
        }
    }

    /**
     * The status codes of the self-presence on entering: 100 (non-anonymous), 170 (logged), 201 (created), 210 (the
     * service prepared the nick into another one).
     */
    private static Integer[] selfCodes(Room room, boolean created, boolean modified) {
        List<Integer> selfCodes = new ArrayList<>();
        if (room.canSeeRealJids(null)) {
            selfCodes.add(StatusCode.NON_ANONYMOUS);
        }
        if (room.get(LoggingFeature.LOGGING)) {
            selfCodes.add(StatusCode.LOGGING_ON);
        }
        if (created) {
            selfCodes.add(StatusCode.CREATED);
        }
        if (modified) {
            selfCodes.add(StatusCode.NICK_MODIFIED);
        }
        return selfCodes.toArray(Integer[]::new);
    }

    /**
     * §17.3 rule 4: a presence probe to an occupant JID from an occupant is answered with that occupant's current
     * presence as the prober sees it; others are refused (not-acceptable), unknown or unseen nicks are item-not-found.
     */
    private void probe(Presence p) {
        Room room = registry.find(p.getTo())
                .orElseThrow(() -> new StanzaException(PacketError.Condition.item_not_found, "no such room"));
        Occupant prober = room.occupantBySession(p.getFrom());
        if (prober == null) {
            throw new StanzaException(PacketError.Condition.not_acceptable, "you are not an occupant of this room");
        }
        Occupant target = room.occupant(Nicks.lookup(p.getTo().getResource()));
        if (target == null || target != prober && !room.visible(target)) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such occupant");
        }
        Presence answer = room.presence(target, target.presence(), Notice.available(),
                target == prober || room.canSeeRealJids(prober), target == prober);
        answer.setTo(p.getFrom());
        room.send(answer);
    }

    /** Presence to the bare room JID: §7.2.1 requires a nick. Occupants' updates are taken as such. */
    public void toRoom(Presence p, StanzaContext ctx) {
        if (p.getType() == Presence.Type.error && p.getFrom() != null) {
            registry.find(p.getTo()).ifPresent(r -> Bounces.remove(r, p.getFrom(), p));
            return;
        }
        if (p.getType() != null || p.getFrom() == null) {
            return;
        }
        Optional<Room> r = registry.find(p.getTo());
        Occupant o = r.map(room -> room.occupantBySession(p.getFrom())).orElse(null);
        if (o == null) {
            throw new StanzaException(PacketError.Condition.jid_malformed, "a room nickname is required");
        }
        r.get().updateSession(o, p.getFrom(), p);
        r.get().broadcastPresence(o, p, Notice.available(), o.sessions());
    }

    private void join(Room room, Presence p, String nick, boolean created, boolean modified) {
        JID from = p.getFrom();
        JID bare = new JID(from.toBareJID());
        Element mucX = p.getChildElement("x", MucNs.MUC);
        if (created) {
            room.setAffiliation(bare, Affiliation.OWNER);
        }
        Affiliation aff = room.affiliation(from);
        Occupant existing = room.occupant(nick);
        boolean sameUser = existing != null && existing.bareJid().equals(bare);
        if (!sameUser) {
            if (aff == Affiliation.OUTCAST) {
                throw new StanzaException(PacketError.Condition.forbidden, "you are banned from this room");
            }
            String holder = room.nickOwner(nick);
            if (existing != null || holder != null && !holder.equals(bare.toString())) {
                throw new StanzaException(PacketError.Condition.conflict, "that nickname is in use or reserved");
            }
            HookResult admitted = hooks.firePreJoin(new Events.PreJoin(room, from, nick, p, aff));
            if (admitted.rejected() && admitted.error().condition().equals("not-authorized")) {
                limits.passwordFailed(room, from);
            }
            admitted.orThrow();
        }
        if (created && (mucX == null || !lockNewRooms)) {
            // §10.1.2 / §7.2.1: a client without MUC support (or a service without the lock feature) gets an
            // instant room.
            room.locked(false);
            room.save();
        }
        Role role = sameUser ? existing.role() : room.defaultRole(aff);
        Occupant o = room.addOccupant(nick, from, p, role);
        sendOccupantList(room, o, from);
        Notice n = Notice.available(selfCodes(room, created, modified));
        if (sameUser) {
            Presence self = room.presence(o, p, n, true, true);
            self.setTo(from);
            room.send(self);
        } else {
            room.broadcastPresence(o, p, n, List.of(from));
        }
        hooks.fireSessionNew(new Events.SessionNew(room, o, from, mucX));
    }

    private void changeNick(Room room, Occupant o, Presence p, String nick, boolean modified) {
        Occupant taken = room.occupant(nick);
        String holder = room.nickOwner(nick);
        if (taken != null || holder != null && !holder.equals(o.bareJid().toString())) {
            throw new StanzaException(PacketError.Condition.conflict, "that nickname is in use or reserved");
        }
        hooks.firePreChange(new Events.PreChange(room, o, nick)).orThrow();
        // The unavailable half answers the nick-change presence, so it carries that presence's id.
        Presence old = o.presence().createCopy();
        old.setID(p.getID());
        room.broadcastPresence(o, old, Notice.leaving(StatusCode.NICK_CHANGED).withNewNick(nick), o.sessions());
        room.rename(o, nick);
        room.updateSession(o, p.getFrom(), p);
        room.broadcastPresence(o, p, modified ? Notice.available(StatusCode.NICK_MODIFIED) : Notice.available(),
                o.sessions());
    }

    private void leave(Room room, Occupant o, JID session, Presence p) {
        if (o.sessions().size() > 1) {
            boolean wasPrimary = o.primary().equals(session);
            Presence self = room.presence(o, p, Notice.leaving(), true, true);
            self.setTo(session);
            room.removeSession(o, session);
            room.send(self);
            if (wasPrimary) {
                // The occupant now shows its next session: its presence and (to those who see it) real JID.
                room.broadcastPresence(o, o.presence(), Notice.available(), o.sessions());
            }
            return;
        }
        room.broadcastPresence(o, p, Notice.leaving(), List.of(session));
        room.removeSession(o, session);
        room.emptied();
    }
}
