package im.satellite.muc.room;

import java.util.Locale;
import java.util.Optional;

/** XEP-0045 §5.2: a user's long-lived affiliation with a room, lowest first in {@link #rank()} order. */
public enum Affiliation {
    OUTCAST, NONE, MEMBER, ADMIN, OWNER;

    /** The attribute value, e.g. {@code member}. */
    public String xml() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int rank() {
        return ordinal();
    }

    /** Admins and owners. */
    public boolean isAdmin() {
        return this == ADMIN || this == OWNER;
    }

    public static Optional<Affiliation> parse(String s) {
        for (Affiliation a : values()) {
            if (a.xml().equals(s)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
