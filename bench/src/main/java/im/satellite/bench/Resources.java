package im.satellite.bench;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a benchmark command has started (servers, child processes, links, clients), closed newest first by
 * {@link #close()} or, on Ctrl-C, by a shutdown hook, so that no Prosody, ejabberd, ngircd or Satellite process is
 * left running. Safe to use from the command's threads and the hook.
 */
public final class Resources implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Resources.class);
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Thread cleanup = new Thread(this::closeAll, "bench-cleanup");

    private Resources() {
    }

    /** An empty list whose contents the JVM's shutdown closes too, until {@link #close()} is called. */
    public static Resources closedOnExit() {
        Resources r = new Resources();
        Runtime.getRuntime().addShutdownHook(r.cleanup);
        return r;
    }

    /** Registers something to close at the end; returns it. */
    public <T extends AutoCloseable> T track(T resource) {
        synchronized (resources) {
            resources.add(resource);
        }
        return resource;
    }

    /** Forgets a tracked resource without closing it (the caller closes it). */
    public void forget(AutoCloseable resource) {
        synchronized (resources) {
            resources.remove(resource);
        }
    }

    /** Closes one resource now and forgets it; a failure is logged. */
    public void release(AutoCloseable resource) {
        forget(resource);
        closeQuietly(resource);
    }

    /** Closes what was started, newest first, and removes the shutdown hook; safe to call twice. */
    @Override
    public void close() {
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            log.debug("already shutting down: the hook has closed everything");
        }
    }

    private void closeAll() {
        synchronized (resources) {
            for (int i = resources.size() - 1; i >= 0; i--) {
                closeQuietly(resources.get(i));
            }
            resources.clear();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", c, e.toString());
        }
    }
}
