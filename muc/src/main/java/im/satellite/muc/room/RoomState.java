package im.satellite.muc.room;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A room's typed state as string key/value pairs (STYLE 7.4). Unknown keys (from features not enabled) are kept on
 * round-trip. Touched only on the room's lane.
 */
public final class RoomState {
    private final Map<String, String> values;

    public RoomState(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public <T> T get(RoomKey<T> key) {
        String s = values.get(key.name());
        return s == null ? key.defaultValue() : key.parse(s);
    }

    /** Whether a value is set and not empty. */
    public boolean has(RoomKey<?> key) {
        String s = values.get(key.name());
        return s != null && !s.isEmpty();
    }

    /** Sets a value (null removes it); true only if the stored value changed (drives status code 104). */
    public <T> boolean set(RoomKey<T> key, T value) {
        T before = get(key);
        if (value == null) {
            return values.remove(key.name()) != null && before != null;
        }
        if (!values.containsKey(key.name()) && Objects.equals(before, value)) {
            return false;
        }
        values.put(key.name(), key.format(value));
        return !Objects.equals(before, value);
    }

    public RoomState copy() {
        return new RoomState(values);
    }

    /** The raw rows, for the store. */
    public Map<String, String> raw() {
        return Map.copyOf(values);
    }
}
