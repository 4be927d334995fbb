package im.satellite.irc.protocol;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into pieces that each fit a byte budget in the connection's charset: at the last space that fits, or,
 * for a word longer than the budget, at the last whole code point that fits (a UTF-8 sequence is never cut).
 * Line breaks are separators: each line of a multi-line XMPP body becomes its own IRC message.
 */
public final class LineSplitter {
    private LineSplitter() {
    }

    /**
     * The pieces of {@code text}; empty lines are dropped, CR/LF/NUL never appear in a piece.
     *
     * @param maxBytes the most bytes one piece may take, at least 1
     */
    public static List<String> split(String text, int maxBytes, Charset charset) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("budget too small: " + maxBytes);
        }
        List<String> out = new ArrayList<>();
        for (String line : text.replace("\0", "").split("\r\n|\r|\n")) {
            splitLine(line, maxBytes, charset, out);
        }
        return out;
    }

    private static void splitLine(String line, int maxBytes, Charset cs, List<String> out) {
        String rest = line;
        while (!rest.isEmpty()) {
            if (bytes(rest, cs) <= maxBytes) {
                out.add(rest);
                return;
            }
            int fit = longestFit(rest, maxBytes, cs);
            int cut = rest.lastIndexOf(' ', fit);
            if (cut <= 0) {
                cut = fit;
            }
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut);
            if (rest.startsWith(" ")) {
                rest = rest.substring(1);
            }
        }
    }

    /** The largest char index at a code point boundary such that {@code s[0, index)} fits. */
    private static int longestFit(String s, int maxBytes, Charset cs) {
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            int b = bytes(s.substring(i, i + len), cs);
            if (used + b > maxBytes) {
                break;
            }
            used += b;
            i += len;
        }
        return Math.max(i, Character.charCount(s.codePointAt(0)));
    }

    private static int bytes(String s, Charset cs) {
        return s.getBytes(cs).length;
    }
}
