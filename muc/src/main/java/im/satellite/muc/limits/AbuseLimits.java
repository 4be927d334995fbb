package im.satellite.muc.limits;

import im.satellite.core.error.StanzaException;
import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Room;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Enforces {@link Limits}; every refusal is {@code <policy-violation/>} of type {@code wait} (RFC 6120 §8.3.3.12,
 * as Prosody's mod_muc_limits answers), with a text saying what to wait for. Service admins are exempt.
 * <ul>
 *   <li>Messages (groupchat and private) take a token from the user's bucket, which the room keeps on its lane per
 *       bare JID (at most {@value #TRACKED_PER_ROOM} users, least recent first out), so that leaving and entering
 *       again does not refill it; a message past the limit is not delivered.</li>
 *   <li>Wrong passwords are counted per room and user in the room (on its lane, at most
 *       {@value #TRACKED_PER_ROOM} users, least recent first out); at the limit every attempt is refused until the
 *       window passes, so guessing goes no further.</li>
 *   <li>Rooms created are counted per user in a concurrent map (creations happen on different rooms' lanes), each
 *       count replaced atomically; windows that are over are purged by the idle sweep and when the map grows.</li>
 * </ul>
 */
public final class AbuseLimits {
    /** Users a room keeps wrong-password windows and message buckets for. */
    public static final int TRACKED_PER_ROOM = 1000;
    static final int PURGE_ABOVE = 10_000;

    private final Limits limits;
    private final Clock clock;
    private final Set<String> admins;
    private final ConcurrentHashMap<String, Window> created = new ConcurrentHashMap<>();

    public AbuseLimits(Limits limits, Clock clock, Set<String> admins) {
        this.limits = limits;
        this.clock = clock;
        this.admins = admins;
    }

    /** Registers the message and password checks before every other feature's. */
    public void register(RoomHooks on) {
        on.groupchat(1000, e -> message(e.room(), e.from()));
        on.privateMessage(1000, e -> message(e.room(), e.from()));
        on.preJoin(1000, e -> {
            Window w = e.room().passwordFailures().get(Room.key(e.from()));
            return limits.passwordFailures() > 0 && !exempt(e.from())
                    && Window.full(w, clock.instant(), limits.passwordWindow(), limits.passwordFailures())
                    ? refuse("too many wrong passwords; try again later") : HookResult.CONTINUE;
        });
    }

    private HookResult message(Room room, Occupant o) {
        if (limits.messageBurst() == 0 || exempt(o.bareJid())) {
            return HookResult.CONTINUE;
        }
        Instant now = clock.instant();
        TokenBucket bucket = room.messageBuckets().computeIfAbsent(Room.key(o.bareJid()),
                k -> new TokenBucket(limits.messageBurst(), limits.messageInterval(), now));
        return bucket.take(now) ? HookResult.CONTINUE
                : refuse("you are sending messages too fast; wait a moment");
    }

    /** A wrong password from {@code user} to {@code room} (on the room's lane). */
    public void passwordFailed(Room room, JID user) {
        if (limits.passwordFailures() == 0 || exempt(user)) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Window> failures = room.passwordFailures();
        failures.values().removeIf(w -> w.over(now, limits.passwordWindow()));
        failures.compute(Room.key(user), (k, w) -> Window.hit(w, now, limits.passwordWindow()));
    }

    /** Counts a room {@code user} creates, or refuses it when the user is at the limit (any lane). */
    public void roomCreated(JID user) {
        if (limits.roomsCreated() == 0 || exempt(user)) {
            return;
        }
        Instant now = clock.instant();
        if (created.size() > PURGE_ABOVE) {
            purge();
        }
        boolean[] refused = {false};
        created.compute(Room.key(user), (k, w) -> {
            if (Window.full(w, now, limits.roomsWindow(), limits.roomsCreated())) {
                refused[0] = true;
                return w;
            }
            return Window.hit(w, now, limits.roomsWindow());
        });
        if (refused[0]) {
            throw refuse("you have created too many rooms; try again later").error();
        }
    }

    /** Forgets creation counts whose window is over. */
    public void purge() {
        Instant now = clock.instant();
        created.values().removeIf(w -> w.over(now, limits.roomsWindow()));
    }

    /** Users whose room creations are being counted (for tests). */
    int tracked() {
        return created.size();
    }

    private boolean exempt(JID user) {
        return admins.contains(Room.key(user));
    }

    private static HookResult refuse(String text) {
        return new HookResult(new StanzaException("policy-violation", PacketError.Type.wait, text));
    }
}
