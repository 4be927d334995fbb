package im.satellite.core.adhoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.dom4j.Element;

/**
 * What a command answers to one stage (XEP-0050 §3): still {@code executing} with a payload (usually a form) and the
 * actions allowed next, or {@code completed} with an optional payload and notes; or an answer that comes later
 * (work queued on another lane), see {@link #later}.
 */
public final class AdHocStage {
    private final boolean completed;
    private final Element payload;
    private final List<String> actions;
    private final String execute;
    private final List<String[]> notes;
    private final CompletionStage<AdHocStage> later;

    private AdHocStage(boolean completed, Element payload, List<String> actions, String execute,
                       List<String[]> notes, CompletionStage<AdHocStage> later) {
        this.completed = completed;
        this.payload = payload;
        this.actions = List.copyOf(actions);
        this.execute = execute;
        this.notes = List.copyOf(notes);
        this.later = later;
    }

    /**
     * Still executing: {@code payload} (a form, or a result page) and the allowed {@code actions} among
     * {@code prev}, {@code next} and {@code complete}; {@code execute} is the default one (§4.4).
     */
    public static AdHocStage executing(Element payload, String execute, String... actions) {
        List<String> a = List.of(actions);
        if (!a.contains(execute)) {
            throw new IllegalArgumentException("the default action must be allowed: " + execute);
        }
        return new AdHocStage(false, payload, a, execute, List.of(), null);
    }

    /** Completed, with an optional payload (a result form), ending the session. */
    public static AdHocStage completed(Element payload) {
        return new AdHocStage(true, payload, List.of(), null, List.of(), null);
    }

    /** Completed with an informational note. */
    public static AdHocStage done(String info) {
        return completed(null).withNote("info", info);
    }

    /** Completed but failed (§4.7: at least one note of type error). */
    public static AdHocStage failed(String error) {
        return completed(null).withNote("error", error);
    }

    /** The stage that {@code future} will give, e.g. once a room's lane has done the work. */
    public static AdHocStage later(CompletionStage<AdHocStage> future) {
        return new AdHocStage(false, null, List.of(), null, List.of(), Objects.requireNonNull(future));
    }

    /** This stage with a note of type {@code info}, {@code warn} or {@code error}. */
    public AdHocStage withNote(String type, String text) {
        List<String[]> n = new ArrayList<>(notes);
        n.add(new String[] {type, text});
        return new AdHocStage(completed, payload, actions, execute, n, later);
    }

    boolean completed() {
        return completed;
    }

    Element payload() {
        return payload;
    }

    List<String> actions() {
        return actions;
    }

    String execute() {
        return execute;
    }

    List<String[]> notes() {
        return notes;
    }

    CompletionStage<AdHocStage> later() {
        return later;
    }
}
