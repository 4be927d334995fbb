package im.satellite.muc.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A count of events in a fixed window that starts at the first event and lasts {@code length}; immutable, so it can
 * be replaced atomically in a concurrent map.
 *
 * @param start when the window began
 * @param count events in it
 */
public record Window(Instant start, int count) {
    /** This window with one more event at {@code now}, or a new window when this one is over. */
    public static Window hit(Window w, Instant now, Duration length) {
        return w == null || w.over(now, length) ? new Window(now, 1) : new Window(w.start, w.count + 1);
    }

    public boolean over(Instant now, Duration length) {
        return !start.plus(length).isAfter(now);
    }

    /** Whether {@code max} events are already counted in a window still running at {@code now}. */
    public static boolean full(Window w, Instant now, Duration length, int max) {
        return w != null && !w.over(now, length) && w.count >= max;
    }

    /** A map by key that keeps at most {@code max} entries, dropping the least recently used. */
    public static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
