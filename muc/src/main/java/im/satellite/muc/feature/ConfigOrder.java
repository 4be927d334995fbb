package im.satellite.muc.feature;

/** The position of each field in the owner's configuration form (XEP-0045 §10.2, Example 163), lowest first. */
public final class ConfigOrder {
    public static final int NAME = 10;
    public static final int DESCRIPTION = 20;
    public static final int LANGUAGE = 30;
    public static final int LOGGING = 40;
    public static final int ARCHIVING = 45;
    public static final int CHANGE_SUBJECT = 50;
    public static final int INVITES = 60;
    public static final int PM = 70;
    public static final int CHANGE_NICK = 75;
    public static final int MAX_USERS = 80;
    public static final int PRESENCE_BROADCAST = 82;
    public static final int GET_MEMBER_LIST = 84;
    public static final int PUBLIC = 90;
    public static final int PERSISTENT = 100;
    public static final int MODERATED = 110;
    public static final int MEMBERS_ONLY = 120;
    public static final int PASSWORD_PROTECTED = 130;
    public static final int PASSWORD = 140;
    public static final int WHOIS = 150;
    public static final int HISTORY = 160;
    public static final int PUBSUB = 165;
    public static final int ADMINS = 170;
    public static final int OWNERS = 180;

    private ConfigOrder() {
    }
}
