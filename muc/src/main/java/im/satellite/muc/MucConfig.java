package im.satellite.muc;

import im.satellite.core.config.ConfigSection;
import im.satellite.muc.feature.ArchiveFeature;
import im.satellite.muc.feature.Features;
import im.satellite.muc.feature.HiddenFeature;
import im.satellite.muc.feature.HistoryFeature;
import im.satellite.muc.feature.InvitesFeature;
import im.satellite.muc.feature.LoggingFeature;
import im.satellite.muc.feature.MaxUsersFeature;
import im.satellite.muc.feature.MembersOnlyFeature;
import im.satellite.muc.feature.ModeratedFeature;
import im.satellite.muc.feature.NickChangeFeature;
import im.satellite.muc.feature.PersistentFeature;
import im.satellite.muc.feature.RestrictPmFeature;
import im.satellite.muc.feature.SubjectFeature;
import im.satellite.muc.feature.WhoisFeature;
import im.satellite.muc.limits.Limits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.xmpp.packet.JID;

/**
 * The MUC service's settings (see docs/muc.md): who may create rooms, service admins, the default configuration of
 * new rooms, and how many messages of history a room keeps.
 *
 * @param createRooms     {@code anyone}, {@code local} (users of the server domain and {@code creators}) or
 *                        {@code listed} (only {@code creators} and admins)
 * @param creators        extra domains ({@code example.net}) and bare JIDs allowed to create rooms
 * @param admins          bare JIDs that own every room
 * @param historyLength   messages of history kept per room (in memory)
 * @param roomDefaults    the initial state of a new room, as room-state rows
 * @param features        the enabled room features (STYLE 7.4), by name
 * @param occupantIqTimeout how long a forwarded IQ to an occupant (XEP-0045 §17.4) waits for its response
 * @param idleUnload      how long a persistent room stays in memory without occupants before it is unloaded
 * @param maxLoadedRooms  at most this many empty persistent rooms stay in memory (least recently used go first)
 * @param maxAvatarSize   the largest room avatar photo (decoded bytes) an owner may set (XEP-0486)
 * @param archiveRetention archived messages (XEP-0313) older than this are purged; zero keeps them forever
 * @param limits          abuse limits: message rate, wrong passwords, rooms created per user
 */
public record MucConfig(String createRooms, Set<String> creators, Set<String> admins, int historyLength,
                        Map<String, String> roomDefaults, Set<String> features, Duration occupantIqTimeout,
                        Duration idleUnload, int maxLoadedRooms, long maxAvatarSize, Duration archiveRetention,
                        Limits limits) {
    static final List<String> POLICIES = List.of("anyone", "local", "listed");

    /** Reads the options of {@code components.muc}. */
    static MucConfig read(ConfigSection o) {
        String policy = o.string("create-rooms", "local").toLowerCase(Locale.ROOT);
        if (!POLICIES.contains(policy)) {
            o.problem("create-rooms", "must be one of " + POLICIES + ", not '" + policy + "'");
            policy = "local";
        }
        Set<String> creators = lowered(o.strings("room-creators"));
        Set<String> admins = lowered(o.strings("admins"));
        int history = o.integer("history-length", 20, 0, 10_000);
        ConfigSection d = o.section("room-defaults");
        Map<String, String> defaults = new LinkedHashMap<>();
        put(defaults, HiddenFeature.PUBLIC.name(), d.bool("public", true));
        put(defaults, PersistentFeature.PERSISTENT.name(), d.bool("persistent", false));
        put(defaults, MembersOnlyFeature.MEMBERS_ONLY.name(), d.bool("members-only", false));
        put(defaults, ModeratedFeature.MODERATED.name(), d.bool("moderated", false));
        put(defaults, SubjectFeature.CHANGE_SUBJECT.name(), d.bool("allow-subject-change", false));
        put(defaults, InvitesFeature.ALLOW_INVITES.name(), d.bool("allow-invites", false));
        put(defaults, LoggingFeature.LOGGING.name(), d.bool("logging", false));
        put(defaults, NickChangeFeature.CAN_CHANGE_NICK.name(), d.bool("allow-nick-change", true));
        put(defaults, ArchiveFeature.ARCHIVING.name(), d.bool("archiving", true));
        String whois = d.string("whois", WhoisFeature.MODERATORS);
        if (!whois.equals(WhoisFeature.MODERATORS) && !whois.equals(WhoisFeature.ANYONE)) {
            d.problem("whois", "must be moderators or anyone");
            whois = WhoisFeature.MODERATORS;
        }
        defaults.put(WhoisFeature.WHOIS.name(), whois);
        String pm = d.string("allow-pm", "anyone");
        if (!List.of("anyone", "participants", "moderators", "none").contains(pm)) {
            d.problem("allow-pm", "must be anyone, participants, moderators or none");
            pm = "anyone";
        }
        defaults.put(RestrictPmFeature.ALLOW_PM.name(), pm);
        put(defaults, MaxUsersFeature.MAX_USERS.name(), d.integer("max-users", 0, 0, 1_000_000));
        put(defaults, HistoryFeature.MAX_FETCH.name(), d.integer("history-fetch", Math.min(20, history), 0, 10_000));
        List<String> known = Features.names();
        List<String> wanted = o.has("features") ? o.strings("features") : known;
        for (String f : wanted) {
            if (!known.contains(f)) {
                o.problem("features", "unknown feature '" + f + "'; known: " + known);
            }
        }
        Duration iqTimeout = o.duration("occupant-iq-timeout", Duration.ofSeconds(30));
        Duration idle = o.duration("idle-room-unload", Duration.ofMinutes(30));
        int maxLoaded = o.integer("max-idle-rooms", 1000, 0, 1_000_000);
        long maxAvatar = o.bytes("max-avatar-size", 128 * 1024);
        Duration retention = o.duration("archive-retention", Duration.ofDays(90));
        return new MucConfig(policy, creators, admins, history, defaults, Set.copyOf(wanted), iqTimeout, idle,
                maxLoaded, maxAvatar, retention, Limits.read(o));
    }

    private static void put(Map<String, String> m, String k, Object v) {
        m.put(k, String.valueOf(v));
    }

    private static Set<String> lowered(List<String> l) {
        return l.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** XEP-0045 §10.1.1: whether {@code user} may create a room here ({@code serverDomain} is "local"). */
    public boolean mayCreate(JID user, String serverDomain) {
        String bare = user.toBareJID();
        String domain = user.getDomain();
        if (admins.contains(bare) || creators.contains(bare) || creators.contains(domain)) {
            return true;
        }
        return switch (createRooms) {
            case "anyone" -> true;
            case "local" -> domain.equalsIgnoreCase(serverDomain) && user.getNode() != null;
            default -> false;
        };
    }
}
