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
                new NickChangeFeature());
    }

    /** Registers a boolean config field that sets {@code key}; invalid values are refused with not-acceptable. */
    static void boolField(RoomHooks on, String var, RoomKey<Boolean> key) {
        on.configField(var, e -> parseBool(e).map(v -> {
            e.update(key, v);
            return HookResult.CONTINUE;
        }).orElseGet(() -> notAcceptable(var)));
    }

    static java.util.Optional<Boolean> parseBool(Events.ConfigField e) {
        return im.satellite.muc.element.DataForm.parseBool(e.value());
    }

    /** XEP-0045 §10.2: "not-acceptable" if the options cannot be processed. */
    static HookResult notAcceptable(String var) {
        return HookResult.reject(PacketError.Condition.not_acceptable, "invalid value for " + var);
    }
}
