package im.satellite.irc.protocol;

/** The numeric replies the gateway acts on (RFC 1459 §6, RFC 2812 §5, IRCv3 SASL). */
public final class Numerics {
    public static final String RPL_WELCOME = "001";
    public static final String RPL_ISUPPORT = "005";
    public static final String RPL_LISTSTART = "321";
    public static final String RPL_LIST = "322";
    public static final String RPL_LISTEND = "323";
    public static final String RPL_NOTOPIC = "331";
    public static final String RPL_TOPIC = "332";
    public static final String RPL_NAMREPLY = "353";
    public static final String RPL_ENDOFNAMES = "366";
    public static final String RPL_MOTD = "372";
    public static final String RPL_MOTDSTART = "375";
    public static final String RPL_ENDOFMOTD = "376";
    public static final String ERR_NOSUCHNICK = "401";
    public static final String ERR_NOSUCHCHANNEL = "403";
    public static final String ERR_CANNOTSENDTOCHAN = "404";
    public static final String ERR_NOMOTD = "422";
    public static final String ERR_ERRONEUSNICKNAME = "432";
    public static final String ERR_NICKNAMEINUSE = "433";
    public static final String ERR_NICKCOLLISION = "436";
    public static final String ERR_USERNOTINCHANNEL = "441";
    public static final String ERR_NOTONCHANNEL = "442";
    public static final String ERR_PASSWDMISMATCH = "464";
    public static final String ERR_CHANNELISFULL = "471";
    public static final String ERR_INVITEONLYCHAN = "473";
    public static final String ERR_BANNEDFROMCHAN = "474";
    public static final String ERR_BADCHANNELKEY = "475";
    public static final String ERR_CHANOPRIVSNEEDED = "482";
    public static final String RPL_LOGGEDIN = "900";
    public static final String RPL_SASLSUCCESS = "903";
    public static final String ERR_SASLFAIL = "904";
    public static final String ERR_SASLTOOLONG = "905";
    public static final String ERR_SASLABORTED = "906";
    public static final String ERR_SASLALREADY = "907";
    public static final String RPL_SASLMECHS = "908";

    private Numerics() {
    }
}
