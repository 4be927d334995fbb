package im.satellite.irc.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One IRC message (RFC 1459 §2.3.1, modern form in the IRCv3 message-tags specification): optional tags, optional
 * prefix (source), a command or three-digit numeric, and parameters. The record is validated on construction, so a
 * value that exists can always be written as exactly one line: CR, LF and NUL are refused everywhere, and only the
 * last parameter may contain spaces, be empty, or start with a colon. That is what keeps text from XMPP from ever
 * becoming a second IRC command.
 *
 * @param tags    IRCv3 tags, unescaped values; a tag without value maps to the empty string
 * @param prefix  the source ({@code nick!user@host} or a server name) without the colon, or null
 * @param command the command, upper case, or a numeric
 * @param params  the parameters
 */
public record IrcMessage(Map<String, String> tags, String prefix, String command, List<String> params) {

    public IrcMessage {
        tags = tags == null || tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        params = List.copyOf(params);
        Objects.requireNonNull(command, "command");
        if (!command.matches("[A-Za-z]+|[0-9]{3}")) {
            throw new IllegalArgumentException("bad IRC command: " + printable(command));
        }
        command = command.toUpperCase(java.util.Locale.ROOT);
        if (prefix != null && (prefix.isEmpty() || hasSpaceOrControl(prefix))) {
            throw new IllegalArgumentException("bad IRC prefix: " + printable(prefix));
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!t.getKey().matches("\\+?([A-Za-z0-9.-]+/)?[A-Za-z0-9-]+")) {
                throw new IllegalArgumentException("bad tag key: " + printable(t.getKey()));
            }
            Objects.requireNonNull(t.getValue(), "tag value");
        }
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            requireNoLineBreak(p);
            boolean last = i == params.size() - 1;
            if (!last && (p.isEmpty() || p.indexOf(' ') >= 0 || p.charAt(0) == ':')) {
                throw new IllegalArgumentException("only the last IRC parameter may be empty, hold spaces or start "
                        + "with ':': " + printable(p));
            }
        }
    }

    /** A message without tags or prefix, as a client sends it. */
    public static IrcMessage of(String command, String... params) {
        return new IrcMessage(Map.of(), null, command, List.of(params));
    }

    /** This message with the given tags. */
    public IrcMessage withTags(Map<String, String> newTags) {
        return new IrcMessage(newTags, prefix, command, params);
    }

    /** Parameter {@code i}, or the empty string when absent. */
    public String param(int i) {
        return i < params.size() ? params.get(i) : "";
    }

    /** The last parameter (the "trailing" one), or the empty string. */
    public String last() {
        return params.isEmpty() ? "" : params.get(params.size() - 1);
    }

    /** The nick part of a {@code nick!user@host} prefix (or the whole prefix for a server), or null. */
    public String sourceNick() {
        if (prefix == null) {
            return null;
        }
        int bang = prefix.indexOf('!');
        int at = prefix.indexOf('@');
        int end = bang >= 0 ? bang : at >= 0 ? at : prefix.length();
        return prefix.substring(0, end);
    }

    /** A tag's value, or null. */
    public String tag(String key) {
        return tags.get(key);
    }

    /** Whether this is the three-digit numeric {@code n}. */
    public boolean is(String cmd) {
        return command.equals(cmd);
    }

    /**
     * Parses one line, without its CR LF. Tag values are unescaped; unknown escapes yield the escaped character
     * and a trailing lone backslash is dropped, as the message-tags specification says.
     *
     * @throws IllegalArgumentException for a malformed line
     */
    public static IrcMessage parse(String line) {
        Objects.requireNonNull(line);
        int i = 0;
        int n = line.length();
        Map<String, String> tags = new LinkedHashMap<>();
        if (i < n && line.charAt(i) == '@') {
            int sp = line.indexOf(' ', i);
            if (sp < 0) {
                throw new IllegalArgumentException("tags without command");
            }
            for (String kv : line.substring(1, sp).split(";")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                tags.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : unescapeTag(kv.substring(eq + 1)));
            }
            i = skipSpaces(line, sp);
        }
        String prefix = null;
        if (i < n && line.charAt(i) == ':') {
            int sp = line.indexOf(' ', i);
            if (sp < 0) {
                throw new IllegalArgumentException("prefix without command");
            }
            prefix = line.substring(i + 1, sp);
            i = skipSpaces(line, sp);
        }
        int sp = line.indexOf(' ', i);
        String command = sp < 0 ? line.substring(i) : line.substring(i, sp);
        List<String> params = new ArrayList<>();
        i = sp < 0 ? n : skipSpaces(line, sp);
        while (i < n) {
            if (line.charAt(i) == ':') {
                params.add(line.substring(i + 1));
                break;
            }
            sp = line.indexOf(' ', i);
            params.add(sp < 0 ? line.substring(i) : line.substring(i, sp));
            i = sp < 0 ? n : skipSpaces(line, sp);
        }
        return new IrcMessage(tags, prefix, command, params);
    }

    /** The line for the wire, without CR LF; the last parameter gets a colon when it needs one. */
    public String toLine() {
        StringBuilder sb = new StringBuilder(64);
        if (!tags.isEmpty()) {
            sb.append('@');
            boolean first = true;
            for (Map.Entry<String, String> t : tags.entrySet()) {
                if (!first) {
                    sb.append(';');
                }
                first = false;
                sb.append(t.getKey());
                if (!t.getValue().isEmpty()) {
                    sb.append('=');
                    escapeTag(t.getValue(), sb);
                }
            }
            sb.append(' ');
        }
        if (prefix != null) {
            sb.append(':').append(prefix).append(' ');
        }
        sb.append(command);
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            sb.append(' ');
            if (i == params.size() - 1 && (p.isEmpty() || p.indexOf(' ') >= 0 || p.charAt(0) == ':')) {
                sb.append(':');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toLine();
    }

    static void escapeTag(String v, StringBuilder sb) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case ';' -> sb.append("\\:");
                case ' ' -> sb.append("\\s");
                case '\\' -> sb.append("\\\\");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    static String unescapeTag(String v) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i == v.length()) {
                break;
            }
            char e = v.charAt(i);
            sb.append(switch (e) {
                case ':' -> ';';
                case 's' -> ' ';
                case 'r' -> '\r';
                case 'n' -> '\n';
                default -> e;
            });
        }
        return sb.toString();
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static void requireNoLineBreak(String s) {
        Objects.requireNonNull(s, "parameter");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException("CR, LF and NUL are not allowed in an IRC message");
            }
        }
    }

    private static boolean hasSpaceOrControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\r' || c == '\n' || c == '\0') {
                return true;
            }
        }
        return false;
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
