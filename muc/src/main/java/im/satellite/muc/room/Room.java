package im.satellite.muc.room;

import im.satellite.muc.element.MucNs;
import im.satellite.muc.element.StanzaId;
import im.satellite.muc.event.Events;
import im.satellite.muc.feature.ArchiveFeature;
import im.satellite.muc.feature.HiddenFeature;
import im.satellite.muc.feature.NameFeature;
import im.satellite.muc.feature.PersistentFeature;
import im.satellite.muc.feature.PresenceBroadcastFeature;
import im.satellite.muc.feature.WhoisFeature;
import im.satellite.muc.limits.AbuseLimits;
import im.satellite.muc.limits.TokenBucket;
import im.satellite.muc.limits.Window;
import im.satellite.muc.store.RoomStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * One room (XEP-0045 §5-§10): its typed state, affiliations, reserved nicks, occupants and history, and the
 * broadcasts that keep occupants informed. Every method runs on the room's lane; the only thing other threads see is
 * the immutable {@link #listing()} snapshot. The stanza handlers decide; the room keeps the invariants.
 */
public final class Room {
    private final JID jid;
    private final RoomServices svc;
    private RoomState state;
    private final Map<String, Affiliation> affiliations = new LinkedHashMap<>();
    private final Map<String, String> reservedNicks = new LinkedHashMap<>();
    private final LinkedHashMap<String, Occupant> occupants = new LinkedHashMap<>();
    private final Map<JID, Occupant> bySession = new HashMap<>();
    private final RoomHistory memory;
    private final RoomArchive archive;
    private final RoomOutbox outbox;
    private final RecentIds recentPms = new RecentIds(256);
    /** Wrong passwords per user (lower-cased bare JID), bounded (abuse limits). */
    private final Map<String, Window> passwordFailures = Window.bounded(AbuseLimits.TRACKED_PER_ROOM);
    /** Message rate buckets per user (lower-cased bare JID), bounded; created with the first limited message. */
    private Map<String, TokenBucket> messageBuckets;
    private boolean locked;
    private boolean destroyed;
    private volatile RoomListing listing;
    /** The occupant count as last published, for other lanes (the admins' room list). */
    private volatile int occupantCountSnapshot;
    /** When the last occupant left (or the room was loaded empty); null while occupied. Read by the idle sweep. */
    private volatile java.time.Instant emptySince;

    public Room(JID jid, RoomServices svc, RoomState state, RoomStore.StoredRoom stored) {
        this.jid = Objects.requireNonNull(jid);
        this.svc = Objects.requireNonNull(svc);
        this.state = state;
        this.memory = new InMemoryHistory(this.jid, svc.historyLength());
        this.archive = new RoomArchive(this);
        this.outbox = new RoomOutbox(svc.out());
        if (stored != null) {
            affiliations.putAll(stored.affiliations());
            reservedNicks.putAll(stored.nicks());
        }
        publishListing();
        emptySince = svc.clock().instant();
    }

    public JID jid() {
        return jid;
    }

    public RoomServices services() {
        return svc;
    }

    public RoomState state() {
        return state;
    }

    public <T> T get(RoomKey<T> key) {
        return state.get(key);
    }

    /** Wrong passwords per user, counted by the abuse limits on this lane. */
    public Map<String, Window> passwordFailures() {
        return passwordFailures;
    }

    /**
     * Message rate buckets per user, used by the abuse limits on this lane. Kept by user rather than by occupant, so
     * that leaving and entering again does not refill a bucket.
     */
    public Map<String, TokenBucket> messageBuckets() {
        if (messageBuckets == null) {
            messageBuckets = Window.bounded(AbuseLimits.TRACKED_PER_ROOM);
        }
        return messageBuckets;
    }

    /** The discussion history: the archive when the room archives (XEP-0313), else the in-memory buffer. */
    public RoomHistory history() {
        return archiving() ? archive : memory;
    }

    /** Whether the room archives its messages ({@code muc#roomconfig_enablearchiving}). */
    public boolean archiving() {
        return svc.writer() != null && state.get(ArchiveFeature.ARCHIVING);
    }

    /** Everything the room sends goes through here, in order (group commit, see {@link RoomOutbox}). */
    public RoomOutbox outbox() {
        return outbox;
    }

    /** The private messages forwarded lately, by recipient session and id. */
    public RecentIds recentPrivateMessages() {
        return recentPms;
    }

    /** XEP-0045 §10.1.1: a new room is locked until its owner configures it (or accepts the instant room). */
    public boolean locked() {
        return locked;
    }

    public void locked(boolean l) {
        locked = l;
        publishListing();
    }

    public boolean destroyed() {
        return destroyed;
    }

    public boolean persistent() {
        return state.get(PersistentFeature.PERSISTENT);
    }

    // ---- affiliations ----

    /**
     * A user's (or room's) bare JID as a key: lower-cased, since stanzas arrive unprepared and nodeprep and nameprep
     * fold case.
     */
    public static String key(JID j) {
        return j.toBareJID().toLowerCase(java.util.Locale.ROOT);
    }

    /** The user's affiliation; service admins are owners of every room. */
    public Affiliation affiliation(JID user) {
        String bare = key(user);
        if (svc.admins().contains(bare)) {
            return Affiliation.OWNER;
        }
        return affiliations.getOrDefault(bare, Affiliation.NONE);
    }

    /** The stored affiliations (not including service admins). */
    public Map<String, Affiliation> affiliations() {
        return Map.copyOf(affiliations);
    }

    /** Sets an affiliation and saves it when the room is persistent. */
    public void setAffiliation(JID user, Affiliation a) {
        String bare = key(user);
        if (a == Affiliation.NONE) {
            affiliations.remove(bare);
            reservedNicks.remove(bare);
        } else {
            affiliations.put(bare, a);
        }
        if (persistent() && !locked) {
            svc.store().saveAffiliation(jid.toBareJID(), bare, a, reservedNicks.get(bare));
        }
    }

    /** XEP-0045 §7.10: the nick reserved by a user, or null. */
    public String reservedNick(JID user) {
        return reservedNicks.get(key(user));
    }

    /** The user whose reserved nick this is, or null. */
    public String nickOwner(String nick) {
        for (Map.Entry<String, String> e : reservedNicks.entrySet()) {
            if (e.getValue().equals(nick)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Reserves a nick and makes its user a member (XEP-0045 §7.10). */
    public void reserveNick(JID user, String nick) {
        reservedNicks.put(key(user), nick);
        Affiliation a = affiliations.getOrDefault(key(user), Affiliation.NONE);
        setAffiliation(user, a.rank() < Affiliation.MEMBER.rank() ? Affiliation.MEMBER : a);
    }

    public Map<String, String> reservedNicks() {
        return Map.copyOf(reservedNicks);
    }

    /** The role an entering user of this affiliation gets (XEP-0045 §5.1, default-role event). */
    public Role defaultRole(Affiliation a) {
        if (a == Affiliation.OUTCAST) {
            return Role.NONE;
        }
        if (a.isAdmin()) {
            return Role.MODERATOR;
        }
        Role r = svc.hooks().fireDefaultRole(new Events.DefaultRole(this, a));
        return r != null ? r : Role.PARTICIPANT;
    }

    // ---- occupants ----

    public Occupant occupant(String nick) {
        return occupants.get(nick);
    }

    public Occupant occupantBySession(JID full) {
        return bySession.get(full);
    }

    public Collection<Occupant> occupants() {
        return List.copyOf(occupants.values());
    }

    public int occupantCount() {
        return occupants.size();
    }

    public Occupant addOccupant(String nick, JID session, Presence p, Role role) {
        Occupant o = occupants.computeIfAbsent(nick, n -> new Occupant(n, new JID(session.toBareJID()), role,
                svc.occupantIds().of(jid, session)));
        o.putSession(session, p);
        bySession.put(session, o);
        emptySince = null;
        publishListing();
        return o;
    }

    public void updateSession(Occupant o, JID session, Presence p) {
        o.putSession(session, p);
    }

    /** Removes a session; true when it was the occupant's last (the occupant is gone). */
    public boolean removeSession(Occupant o, JID session) {
        bySession.remove(session);
        boolean last = o.removeSession(session);
        if (last) {
            occupants.remove(o.nick());
            if (occupants.isEmpty()) {
                emptySince = svc.clock().instant();
            }
            publishListing();
        }
        return last;
    }

    /** Removes an occupant and all its sessions. */
    public void removeOccupant(Occupant o) {
        for (JID s : o.sessions()) {
            removeSession(o, s);
        }
    }

    public void rename(Occupant o, String newNick) {
        occupants.remove(o.nick());
        o.nick(newNick);
        occupants.put(newNick, o);
    }

    /** XEP-0045 §5.1 / §10.2: whether {@code viewer} sees occupants' real JIDs. */
    public boolean canSeeRealJids(Occupant viewer) {
        return WhoisFeature.ANYONE.equals(state.get(WhoisFeature.WHOIS))
                || viewer != null && viewer.role() == Role.MODERATOR;
    }

    /** All occupants' sessions. */
    public List<JID> allSessions() {
        return new ArrayList<>(bySession.keySet());
    }

    // ---- broadcasts ----

    /** The occupant JID {@code room/nick}. */
    public JID occupantJid(String nick) {
        return new JID(jid.getNode(), jid.getDomain(), nick, true);
    }

    /**
     * Sends an occupant's presence to everyone in the room, grouped by the variant each recipient gets (with or
     * without the real JID; the occupant's own sessions with 110), each variant serialised once (STYLE 7.3).
     * {@code selfSessions} are the occupant's sessions to notify even if they already left the room.
     */
    public void broadcastPresence(Occupant subject, Presence source, Notice n, List<JID> selfSessions) {
        List<JID> withJid = new ArrayList<>();
        List<JID> withoutJid = new ArrayList<>();
        for (Occupant viewer : occupants.values()) {
            if (viewer != subject) {
                (canSeeRealJids(viewer) ? withJid : withoutJid).addAll(viewer.sessions());
            }
        }
        if (visible(subject)) {
            broadcast(presence(subject, source, n, true, false), withJid);
            broadcast(presence(subject, source, n, false, false), withoutJid);
            subject.announced(!n.unavailable());
        } else if (subject.announced()) {
            // Its role is no longer broadcast (§7.2.3): the others saw it, so they see it go.
            Notice gone = Notice.leaving();
            broadcast(presence(subject, source, gone, true, false), withJid);
            broadcast(presence(subject, source, gone, false, false), withoutJid);
            subject.announced(false);
        }
        broadcast(presence(subject, source, n, true, true), selfSessions);
    }

    /**
     * Whether the other occupants get this occupant's presence: {@code muc#roomconfig_presencebroadcast} names its
     * role (§7.2.3). An occupant whose role was just taken (kick, ban) is announced if the others had seen it.
     */
    public boolean visible(Occupant o) {
        return o.role() == Role.NONE ? o.announced() : PresenceBroadcastFeature.broadcasts(this, o.role());
    }

    /** An occupant's presence as one viewer sees it (built by {@link OccupantPresence}). */
    public Presence presence(Occupant o, Presence source, Notice n, boolean withJid, boolean self) {
        Presence p = OccupantPresence.build(occupantJid(o.nick()), affiliation(o.bareJid()), o, source, n, withJid,
                self);
        svc.hooks().fireBuildPresence(new Events.BuildPresence(this, o, p, n.unavailable()));
        return p;
    }

    /**
     * Broadcasts a message from the room or an occupant to every occupant (XEP-0045 §7.4), with the room's XEP-0359
     * stanza id.
     */
    public void broadcastMessage(Message m, JID session) {
        StanzaId.stamp(m, jid, StanzaId.next());
        svc.hooks().fireBroadcastMessage(new Events.BroadcastMessage(this, m));
        List<JID> to = allSessions();
        if (archiving() && RoomArchive.archivable(m)) {
            archive.append(m, session, () -> broadcast(m, to));
        } else {
            broadcast(m, to);
        }
    }

    /**
     * XEP-0425: takes a message out of the history (memory) and turns it into a tombstone in the archive; false when
     * neither knows the stanza id.
     */
    public boolean retract(String stanzaId, Element retracted) {
        boolean inMemory = memory.retract(stanzaId, retracted);
        return archive.retract(stanzaId, retracted) || inMemory;
    }

    /** A message from the room itself with status codes (e.g. 104, §10.2.1). */
    public void broadcastStatus(Collection<Integer> codes) {
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(jid);
        Element x = m.addChildElement("x", MucNs.USER);
        for (int c : codes) {
            x.addElement("status").addAttribute("code", Integer.toString(c));
        }
        StanzaId.stamp(m, jid, StanzaId.next());
        broadcast(m, allSessions());
    }

    public void broadcast(Packet template, List<JID> recipients) {
        if (!recipients.isEmpty()) {
            outbox.broadcast(template, recipients);
        }
    }

    public void send(Packet p) {
        outbox.send(p);
    }

    // ---- config and lifecycle ----

    /** Takes a new state (an accepted configuration) and saves or forgets the room as its persistence says. */
    public void replaceState(RoomState next) {
        boolean wasPersistent = persistent();
        this.state = next;
        if (persistent()) {
            save();
        } else if (wasPersistent) {
            svc.store().delete(jid.toBareJID());
        }
        publishListing();
    }

    /** Saves the options (e.g. after a subject change) when the room is persistent and configured. */
    public void saveOptions() {
        if (persistent() && !locked) {
            svc.store().saveOptions(jid.toBareJID(), state.raw(), listing);
        }
    }

    /** Saves everything (the room just became persistent or was unlocked). */
    public void save() {
        if (persistent() && !locked) {
            svc.store().saveRoom(jid.toBareJID(), state.raw(), affiliations, reservedNicks, listing);
        }
    }

    /** Marks the room destroyed, forgets it in the store and the registry (XEP-0045 §10.9). */
    public void destroy() {
        destroyed = true;
        memory.clear();
        archive.clear();
        svc.store().delete(jid.toBareJID());
        svc.onGone().accept(this);
    }

    /** Called when the last occupant left: a temporary room goes away (XEP-0045 §10.1.3 / §5.3). */
    public void emptied() {
        if (occupants.isEmpty() && !persistent()) {
            destroyed = true;
            archive.clear();
            svc.onGone().accept(this);
        }
    }

    /** When the room last became empty, or null while it has occupants; safe on any thread. */
    public java.time.Instant emptySince() {
        return emptySince;
    }

    /**
     * Whether the room may leave memory now: persistent, configured, not destroyed, empty, nothing held back for the
     * archive. Everything it needs again is in the store and the archive (an in-memory history is not, as after a
     * restart). Call on the room's lane.
     */
    public boolean unloadable() {
        return persistent() && !locked && !destroyed && occupants.isEmpty() && !outbox.busy();
    }

    public RoomListing listing() {
        return listing;
    }

    /** The number of occupants as last published; safe on any thread. */
    public int occupantCountSnapshot() {
        return occupantCountSnapshot;
    }

    private void publishListing() {
        occupantCountSnapshot = occupants.size();
        listing = new RoomListing(jid.toBareJID(), state.has(NameFeature.NAME) ? state.get(NameFeature.NAME) : null,
                state.get(HiddenFeature.PUBLIC) && !locked);
    }
}
