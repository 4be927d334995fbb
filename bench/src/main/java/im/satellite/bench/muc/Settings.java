package im.satellite.bench.muc;

import im.satellite.bench.Resources;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every part of {@code bench muc} shares: the work directory, the repetitions, the Satellite child's lane
 * workers, heap and optional JFR file, the timeout without progress, and the resources to close on exit.
 */
record Settings(Path work, int repeat, int workers, String heap, Path jfr, Duration timeout,
                Resources resources) {
    /** Registers something to close when the command ends or is interrupted; returns it. */
    <T extends AutoCloseable> T track(T resource) {
        return resources.track(resource);
    }

    /** Closes a tracked resource now and forgets it. */
    void release(AutoCloseable resource) throws Exception {
        resources.forget(resource);
        resource.close();
    }

    /** Starts a linked Satellite child and tracks it. */
    LinkedChild child(String name, String component, Path database, String mucOptions) throws java.io.IOException {
        return track(LinkedChild.start(work, name, component, database, mucOptions, workers, heap, jfr, timeout));
    }
}
