package im.satellite.irc.protocol;

import java.util.Locale;

/**
 * How an IRC server compares nick and channel names, from ISUPPORT {@code CASEMAPPING} (RFC 1459 §2.2 and the
 * modern ISUPPORT draft). Two names are the same when their {@link #fold folded} forms are equal.
 */
public enum CaseMapping {
    /** Only A-Z fold to a-z. */
    ASCII("ascii"),
    /** A-Z plus {@code []\~} to {@code {}|^}: RFC 1459's Scandinavian rule, the default. */
    RFC1459("rfc1459"),
    /** As rfc1459 but without {@code ~} to {@code ^}. */
    STRICT_RFC1459("strict-rfc1459");

    private final String token;

    CaseMapping(String token) {
        this.token = token;
    }

    /** The ISUPPORT token. */
    public String token() {
        return token;
    }

    /** The mapping for an ISUPPORT value; unknown values (e.g. rfc7613) fall back to ascii folding. */
    public static CaseMapping fromToken(String value) {
        if (value == null) {
            return RFC1459;
        }
        for (CaseMapping m : values()) {
            if (m.token.equalsIgnoreCase(value)) {
                return m;
            }
        }
        return ASCII;
    }

    /** The lower-case form of {@code name} under this mapping. */
    public String fold(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            } else if (this != ASCII) {
                switch (c) {
                    case '[' -> c = '{';
                    case ']' -> c = '}';
                    case '\\' -> c = '|';
                    case '~' -> c = this == RFC1459 ? '^' : c;
                    default -> { }
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Whether two names are the same under this mapping. */
    public boolean equals(String a, String b) {
        return fold(a).equals(fold(b));
    }

    @Override
    public String toString() {
        return token.toLowerCase(Locale.ROOT);
    }
}
