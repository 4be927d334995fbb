package im.satellite.muc.element;

/** XEP-0045 §15.6: the status codes of {@code <x xmlns='http://jabber.org/protocol/muc#user'/>}. */
public final class StatusCode {
    public static final int NON_ANONYMOUS = 100;
    public static final int AFFILIATION_CHANGED = 101;
    public static final int CONFIG_CHANGED = 104;
    public static final int SELF = 110;
    public static final int LOGGING_ON = 170;
    public static final int LOGGING_OFF = 171;
    public static final int NOW_NON_ANONYMOUS = 172;
    public static final int NOW_SEMI_ANONYMOUS = 173;
    public static final int CREATED = 201;
    public static final int NICK_MODIFIED = 210;
    public static final int BANNED = 301;
    public static final int NICK_CHANGED = 303;
    public static final int KICKED = 307;
    public static final int REMOVED_AFFILIATION = 321;
    public static final int REMOVED_MEMBERS_ONLY = 322;
    public static final int REMOVED_ERROR = 333;
    public static final int SHUTDOWN = 332;

    private StatusCode() {
    }
}
