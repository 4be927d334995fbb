package im.satellite.irc.bridge;

/**
 * A channel member as IRC shows it: a nick and its membership modes (e.g. {@code o}, {@code v}, {@code qo} with
 * multi-prefix), mapped to XEP-0045 affiliations and roles (§5.1, §5.2): {@code ~}/{@code &} owner,
 * {@code @} admin and moderator, {@code %} moderator, {@code +} participant with voice.
 *
 * @param nick  the nick as the server spells it
 * @param modes membership mode letters
 */
public record Occupant(String nick, String modes) {

    public Occupant withModes(String m) {
        return new Occupant(nick, m);
    }

    public Occupant withNick(String n) {
        return new Occupant(n, modes);
    }

    /** The mode string with {@code mode} added or removed. */
    public String changed(char mode, boolean add) {
        String without = modes.replace(String.valueOf(mode), "");
        return add ? without + mode : without;
    }

    public String affiliation() {
        if (has('q') || has('a')) {
            return "owner";
        }
        if (has('o')) {
            return "admin";
        }
        if (has('h') || has('v')) {
            return "member";
        }
        return "none";
    }

    public String role() {
        if (has('q') || has('a') || has('o') || has('h')) {
            return "moderator";
        }
        return "participant";
    }

    private boolean has(char m) {
        return modes.indexOf(m) >= 0;
    }
}
