package im.satellite.muc.limits;

import im.satellite.core.config.ConfigSection;
import java.time.Duration;

/**
 * The abuse limits ({@code components.muc.limits} in satellite.yml); a count of 0 turns a limit off.
 *
 * @param messageBurst     messages an occupant may send at once (the token bucket's size)
 * @param messageInterval  then one more message per interval
 * @param passwordFailures wrong passwords a user may give one room within {@code passwordWindow}
 * @param passwordWindow   how long wrong passwords are counted (the window starts at the first one)
 * @param roomsCreated     rooms a user may create within {@code roomsWindow}
 * @param roomsWindow      how long created rooms are counted (the window starts at the first one)
 */
public record Limits(int messageBurst, Duration messageInterval, int passwordFailures, Duration passwordWindow,
                     int roomsCreated, Duration roomsWindow) {

    public static final Limits DEFAULTS = new Limits(20, Duration.ofMillis(500), 5, Duration.ofMinutes(15), 30,
            Duration.ofHours(1));

    /** Reads {@code limits:}, every key optional. */
    public static Limits read(ConfigSection o) {
        ConfigSection l = o.section("limits");
        Limits d = DEFAULTS;
        Limits out = new Limits(l.integer("message-burst", d.messageBurst(), 0, 1_000_000),
                l.duration("message-interval", d.messageInterval()),
                l.integer("password-failures", d.passwordFailures(), 0, 1_000_000),
                l.duration("password-window", d.passwordWindow()),
                l.integer("rooms-created", d.roomsCreated(), 0, 1_000_000),
                l.duration("rooms-window", d.roomsWindow()));
        if (out.messageBurst() > 0 && out.messageInterval().isZero()) {
            l.problem("message-interval", "must be longer than 0 when message-burst is set");
        }
        return out;
    }
}
