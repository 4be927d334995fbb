package im.satellite.muc.room;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed key of a room's state (STYLE 7.4). Each feature declares its own keys; the state is stored as string
 * key/value rows, so a new feature needs no schema change.
 *
 * @param <T> the value type
 */
public final class RoomKey<T> {
    private final String name;
    private final T defaultValue;
    private final Function<String, T> parse;
    private final Function<T, String> format;

    private RoomKey(String name, T defaultValue, Function<String, T> parse, Function<T, String> format) {
        this.name = Objects.requireNonNull(name);
        this.defaultValue = defaultValue;
        this.parse = parse;
        this.format = format;
    }

    public static RoomKey<String> string(String name, String def) {
        return new RoomKey<>(name, def, s -> s, s -> s);
    }

    public static RoomKey<Boolean> bool(String name, boolean def) {
        return new RoomKey<>(name, def, Boolean::parseBoolean, String::valueOf);
    }

    public static RoomKey<Integer> integer(String name, int def) {
        return new RoomKey<>(name, def, Integer::parseInt, String::valueOf);
    }

    /** A key whose value is any type with its own text form (e.g. a room's hats). */
    public static <V> RoomKey<V> of(String name, V def, Function<String, V> parse, Function<V, String> format) {
        return new RoomKey<>(name, def, parse, format);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    T parse(String s) {
        try {
            return parse.apply(s);
        } catch (RuntimeException e) {
            return defaultValue;
        }
    }

    String format(T value) {
        return format.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
