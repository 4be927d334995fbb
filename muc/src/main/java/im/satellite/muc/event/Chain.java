package im.satellite.muc.event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Hooks for one event, run highest priority first (Prosody's semantics); the first rejection stops the chain.
 *
 * @param <E> the event record
 */
public final class Chain<E> {
    private record Hook<E>(int priority, int seq, Function<E, HookResult> fn) {
    }

    private final List<Hook<E>> hooks = new ArrayList<>();

    void add(int priority, Function<E, HookResult> fn) {
        hooks.add(new Hook<>(priority, hooks.size(), fn));
        hooks.sort(Comparator.<Hook<E>>comparingInt(h -> -h.priority()).thenComparingInt(Hook::seq));
    }

    /** Runs the hooks in order; returns the first rejection, or CONTINUE. */
    public HookResult fire(E event) {
        for (Hook<E> h : hooks) {
            HookResult r = h.fn().apply(event);
            if (r != null && r.rejected()) {
                return r;
            }
        }
        return HookResult.CONTINUE;
    }
}
