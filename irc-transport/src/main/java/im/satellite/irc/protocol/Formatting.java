package im.satellite.irc.protocol;

/**
 * mIRC formatting codes to plain text: bold (0x02), colour (0x03 with up to two digits, a comma and two more), hex
 * colour (0x04 with six hex digits, optionally ",RRGGBB"), reset (0x0F), monospace (0x11), reverse (0x16), italic
 * (0x1D), strikethrough (0x1E) and underline (0x1F) are removed; other C0 controls but tab become nothing too, since
 * XMPP (XML 1.0) cannot carry them.
 */
public final class Formatting {
    private Formatting() {
    }

    /** {@code text} without formatting codes or XML-illegal control characters. */
    public static String strip(String text) {
        StringBuilder sb = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 || c == '\t') {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n).append(text, 0, i);
            }
            if (c == 0x03) {
                i = skipColour(text, i + 1, 2, false) - 1;
            } else if (c == 0x04) {
                i = skipColour(text, i + 1, 6, true) - 1;
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Skips {@code fg[,bg]} digits after a colour code; returns the index after them. */
    private static int skipColour(String s, int i, int width, boolean hex) {
        int j = skipDigits(s, i, width, hex);
        if (j > i && j + 1 < s.length() && s.charAt(j) == ',' && isDigit(s.charAt(j + 1), hex)) {
            j = skipDigits(s, j + 1, width, hex);
        }
        return j;
    }

    private static int skipDigits(String s, int i, int width, boolean hex) {
        int j = i;
        while (j < s.length() && j - i < width && isDigit(s.charAt(j), hex)) {
            j++;
        }
        return j;
    }

    private static boolean isDigit(char c, boolean hex) {
        return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }
}
