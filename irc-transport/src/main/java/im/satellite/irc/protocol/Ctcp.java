package im.satellite.irc.protocol;

/**
 * CTCP framing inside PRIVMSG/NOTICE text (the CTCP specification): {@code \u0001COMMAND params\u0001}. The gateway
 * maps {@code ACTION} to and from XMPP's {@code /me} convention (XEP-0245).
 */
public final class Ctcp {
    public static final char DELIM = 0x01;

    private Ctcp() {
    }

    /** Whether {@code text} is a CTCP message. */
    public static boolean isCtcp(String text) {
        return text.length() >= 2 && text.charAt(0) == DELIM;
    }

    /** The CTCP command (upper case), e.g. {@code ACTION}, or null. */
    public static String command(String text) {
        if (!isCtcp(text)) {
            return null;
        }
        String body = body(text);
        int sp = body.indexOf(' ');
        return (sp < 0 ? body : body.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
    }

    /** The CTCP parameters, or the empty string. */
    public static String params(String text) {
        String body = body(text);
        int sp = body.indexOf(' ');
        return sp < 0 ? "" : body.substring(sp + 1);
    }

    /** {@code text} framed as a CTCP ACTION. */
    public static String action(String text) {
        return DELIM + "ACTION " + text + DELIM;
    }

    private static String body(String text) {
        int end = text.length() > 1 && text.charAt(text.length() - 1) == DELIM ? text.length() - 1 : text.length();
        return text.substring(1, end);
    }
}
