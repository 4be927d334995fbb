package im.satellite.irc.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a server announced in RPL_ISUPPORT (005): channel types, membership prefixes, case mapping and length limits.
 * Defaults are RFC 1459's until the server says otherwise. Mutable, owned by one connection's lane.
 */
public final class ISupport {
    /** RFC 1459 §2.3: a line is at most 512 bytes including CR LF. */
    public static final int DEFAULT_LINELEN = 512;

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private String chanTypes = "#&";
    private String prefixModes = "ov";
    private String prefixSymbols = "@+";
    private CaseMapping caseMapping = CaseMapping.RFC1459;
    private int nickLen = 9;
    private int lineLen = DEFAULT_LINELEN;

    /** Applies the tokens of one 005 line: its parameters after the nick, without the trailing text. */
    public void apply(List<String> params) {
        for (String t : params) {
            if (t.isEmpty() || t.indexOf(' ') >= 0) {
                continue;
            }
            if (t.startsWith("-")) {
                tokens.remove(t.substring(1));
                continue;
            }
            int eq = t.indexOf('=');
            String key = eq < 0 ? t : t.substring(0, eq);
            String value = eq < 0 ? "" : t.substring(eq + 1);
            tokens.put(key, value);
            switch (key) {
                case "CHANTYPES" -> chanTypes = value;
                case "CASEMAPPING" -> caseMapping = CaseMapping.fromToken(value);
                case "NICKLEN" -> nickLen = parse(value, nickLen);
                case "LINELEN" -> lineLen = Math.max(DEFAULT_LINELEN, parse(value, lineLen));
                case "PREFIX" -> applyPrefix(value);
                default -> { }
            }
        }
    }

    private void applyPrefix(String value) {
        int close = value.indexOf(')');
        if (value.startsWith("(") && close > 0 && value.length() - close - 1 == close - 1) {
            prefixModes = value.substring(1, close);
            prefixSymbols = value.substring(close + 1);
        } else if (value.isEmpty()) {
            prefixModes = "";
            prefixSymbols = "";
        }
    }

    private static int parse(String v, int def) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return def;
        }
    }

    /** Whether {@code name} starts with one of the server's channel types. */
    public boolean isChannel(String name) {
        return !name.isEmpty() && chanTypes.indexOf(name.charAt(0)) >= 0;
    }

    public String chanTypes() {
        return chanTypes;
    }

    /** Membership modes, highest first, e.g. {@code qaohv}. */
    public String prefixModes() {
        return prefixModes;
    }

    /** Membership symbols matching {@link #prefixModes()}, e.g. {@code ~&@%+}. */
    public String prefixSymbols() {
        return prefixSymbols;
    }

    /** The mode letter for a prefix symbol, or 0. */
    public char modeForSymbol(char symbol) {
        int i = prefixSymbols.indexOf(symbol);
        return i < 0 ? 0 : prefixModes.charAt(i);
    }

    /** The symbol for a mode letter, or 0 when the mode is not a membership mode. */
    public char symbolForMode(char mode) {
        int i = prefixModes.indexOf(mode);
        return i < 0 ? 0 : prefixSymbols.charAt(i);
    }

    public CaseMapping caseMapping() {
        return caseMapping;
    }

    public int nickLen() {
        return nickLen;
    }

    /** The line limit in bytes, CR LF and prefix included, tags excluded. */
    public int lineLen() {
        return lineLen;
    }

    /** A raw token's value, or null when not announced. */
    public String token(String key) {
        return tokens.get(key);
    }
}
