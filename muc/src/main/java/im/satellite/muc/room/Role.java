package im.satellite.muc.room;

import java.util.Locale;
import java.util.Optional;

/** XEP-0045 §5.1: an occupant's role, lowest first in {@link #rank()} order. */
public enum Role {
    NONE, VISITOR, PARTICIPANT, MODERATOR;

    /** The attribute value, e.g. {@code participant}. */
    public String xml() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int rank() {
        return ordinal();
    }

    public static Optional<Role> parse(String s) {
        for (Role r : values()) {
            if (r.xml().equals(s)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
