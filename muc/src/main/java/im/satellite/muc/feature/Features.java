package im.satellite.muc.feature;

import im.satellite.muc.event.Events;
import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomKey;
import java.util.List;
import org.xmpp.packet.PacketError;

/** The room features in their fixed order (STYLE 7.4), and helpers shared by simple ones. */
public final class Features {
    private Features() {
    }

    /** The names of every feature, in registration order. */
    public static List<String> names() {
        return all().stream().map(RoomFeature::name).toList();
    }

    /** Every feature this module has, in registration order. */
    public static List<RoomFeature> all() {
        return List.of(new LockFeature(), new NameFeature(), new DescriptionFeature(), new LanguageFeature(),
                new HiddenFeature(), new PersistentFeature(), new PasswordFeature(), new MembersOnlyFeature(),
                new ModeratedFeature(), new WhoisFeature(), new LoggingFeature(), new SubjectFeature(),
                new HistoryFeature(), new RestrictPmFeature(), new MaxUsersFeature(), new InvitesFeature(),
                new NickChangeFeature(), new PresenceBroadcastFeature(), new MemberListFeature(), new PubsubFeature(),
                new AvatarFeature(), new ArchiveFeature(), new ModerationFeature(), new HatsFeature());
    }

    /** Registers a boolean config field that sets {@code key}; invalid values are refused with not-acceptable. */
    static void boolField(RoomHooks on, String var, RoomKey<Boolean> key) {
        on.configField(var, e -> parseBool(e).map(v -> {
            e.update(key, v);
            return HookResult.CONTINUE;
        }).orElseGet(() -> notAcceptable(var)));
    }

    /** The roles in a comma-separated room-state value (e.g. {@code moderator,participant}). */
    public static java.util.Set<String> roles(String csv) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String r : csv.split(",")) {
            if (!r.isBlank()) {
                out.add(r.trim());
            }
        }
        return out;
    }

    /**
     * Registers a list-multi field of roles stored in {@code key} as a comma-separated value; a value other than
     * moderator, participant or visitor is refused with not-acceptable.
     */
    static void rolesField(RoomHooks on, int position, String var, String label, RoomKey<String> key) {
        on.configForm(e -> e.form().listMulti(position, var, label, List.copyOf(roles(e.room().get(key))),
                "moderator", "Moderator", "participant", "Participant", "visitor", "Visitor"));
        on.configField(var, e -> {
            java.util.Set<String> picked = new java.util.LinkedHashSet<>();
            for (String v : e.values()) {
                String r = v.trim();
                if (!List.of("moderator", "participant", "visitor").contains(r)) {
                    return notAcceptable(var);
                }
                picked.add(r);
            }
            e.update(key, String.join(",", List.of("moderator", "participant", "visitor").stream()
                    .filter(picked::contains).toList()));
            return HookResult.CONTINUE;
        });
    }

    static java.util.Optional<Boolean> parseBool(Events.ConfigField e) {
        return im.satellite.muc.element.DataForm.parseBool(e.value());
    }

    /** XEP-0045 §10.2: "not-acceptable" if the options cannot be processed. */
    static HookResult notAcceptable(String var) {
        return HookResult.reject(PacketError.Condition.not_acceptable, "invalid value for " + var);
    }
}
