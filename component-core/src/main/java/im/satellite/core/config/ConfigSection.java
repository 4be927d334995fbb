package im.satellite.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed, validating view of one YAML mapping. Getters return the value or the default; a wrong value is recorded as
 * a problem naming the full key (e.g. {@code components.muc.port}) and the default is returned, so that every problem
 * in the file is reported at once. Keys that no getter asked for are reported as unknown (a typo is caught at start,
 * not silently ignored).
 */
public final class ConfigSection {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Function<String, String> env;
    private final Set<String> read = new HashSet<>();
    private final List<ConfigSection> children = new ArrayList<>();

    ConfigSection(String path, JsonNode node, List<String> problems, Function<String, String> env) {
        this.path = path;
        this.env = env;
        this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
        this.problems = problems;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            problems.add(path + ": must be a mapping of keys to values");
        }
    }

    /** The full dotted key of this section. */
    public String path() {
        return path;
    }

    /** The full dotted key of a child. */
    public String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        read.add(name);
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** Records a problem with a key of this section. */
    public void problem(String name, String message) {
        problems.add(key(name) + ": " + message);
    }

    public String string(String name, String def) {
        JsonNode v = value(name);
        if (v == null) {
            return def;
        }
        if (!v.isValueNode()) {
            problem(name, "must be a single value");
            return def;
        }
        return v.asText();
    }

    public String requiredString(String name) {
        String s = string(name, null);
        if (s == null || s.isBlank()) {
            if (!hasProblem(name)) {
                problem(name, "is required");
            }
            return "";
        }
        return s;
    }

    public int integer(String name, int def, int min, int max) {
        JsonNode v = value(name);
        if (v == null) {
            return def;
        }
        long n;
        if (v.isIntegralNumber()) {
            n = v.asLong();
        } else if (v.isTextual() && v.asText().trim().matches("-?\\d+")) {
            n = Long.parseLong(v.asText().trim());
        } else {
            problem(name, "must be a whole number, not '" + v.asText() + "'");
            return def;
        }
        if (n < min || n > max) {
            problem(name, "must be between " + min + " and " + max + ", not " + n);
            return def;
        }
        return (int) n;
    }

    public boolean bool(String name, boolean def) {
        JsonNode v = value(name);
        if (v == null) {
            return def;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String s = v.asText().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("yes") || s.equals("on")) {
            return true;
        }
        if (s.equals("false") || s.equals("no") || s.equals("off")) {
            return false;
        }
        problem(name, "must be true or false, not '" + v.asText() + "'");
        return def;
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}; a bare number is seconds. */
    public Duration duration(String name, Duration def) {
        JsonNode v = value(name);
        if (v == null) {
            return def;
        }
        Matcher m = DURATION.matcher(v.asText().trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            problem(name, "must be a duration like 500ms, 30s, 5m, 2h or 7d, not '" + v.asText() + "'");
            return def;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A size in bytes such as {@code 512KiB}, {@code 64k}, {@code 1MiB}, {@code 2g}; a bare number is bytes. */
    public long bytes(String name, long def) {
        JsonNode v = value(name);
        if (v == null) {
            return def;
        }
        Matcher m = SIZE.matcher(v.asText().trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            problem(name, "must be a size like 512KiB, 64k or 1MiB, not '" + v.asText() + "'");
            return def;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        return switch (unit.charAt(0)) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
    }

    /** A list of strings: a YAML sequence, or one comma-separated string. Empty when absent. */
    public List<String> strings(String name) {
        JsonNode v = value(name);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isValueNode()) {
                    problem(name, "must be a list of values");
                    return List.of();
                }
                out.add(substitute(e.asText(), name).trim());
            }
        } else if (v.isValueNode()) {
            for (String s : v.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else {
            problem(name, "must be a list");
        }
        return out;
    }

    /** A nested mapping; an absent one is an empty section. */
    public ConfigSection section(String name) {
        read.add(name);
        ConfigSection s = new ConfigSection(key(name), node.get(name), problems, env);
        children.add(s);
        return s;
    }

    /** The keys present in this mapping, in file order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    /** Marks every key as read (for a disabled component, whose options are not checked). */
    public void ignoreRest() {
        read.addAll(keys());
    }

    /** Records a problem for each key no getter read, here and in the sections taken from this one. */
    void reportUnknownKeys() {
        for (String k : keys()) {
            if (!read.contains(k)) {
                problem(k, "unknown key");
            }
        }
        for (ConfigSection c : children) {
            c.reportUnknownKeys();
        }
    }

    /** The value of a key, with {@code ${NAME}} and {@code ${NAME:-default}} taken from the environment. */
    private JsonNode value(String name) {
        read.add(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() && v.asText().contains("${")) {
            return TextNode.valueOf(substitute(v.asText(), name));
        }
        return v;
    }

    private String substitute(String s, String name) {
        Matcher m = ENV.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null || value.isEmpty()) {
                value = m.group(2);
            }
            if (value == null) {
                problem(name, "environment variable " + m.group(1) + " is not set");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private boolean hasProblem(String name) {
        String prefix = key(name) + ":";
        return problems.stream().anyMatch(p -> p.startsWith(prefix));
    }
}
