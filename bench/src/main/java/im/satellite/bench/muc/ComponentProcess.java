package im.satellite.bench.muc;

import im.satellite.bench.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts {@link ComponentChild} as a child JVM (its own {@code -Xmx}, the benchmark's class path) with the given
 * YAML configuration, and asks it for its heap over stdin/stdout. The child's log goes to a file in the work
 * directory. {@link #launchedAt()} is the {@code System.nanoTime()} just before the process was started, for
 * start-up times measured by whoever accepts its component link.
 */
final class ComponentProcess implements AutoCloseable {
    private final ChildJvm child;

    ComponentProcess(Path workDir, String name, String yaml, String heap, Path jfr) throws IOException {
        Path config = workDir.resolve(name + ".yml");
        Files.writeString(config, yaml);
        child = new ChildJvm("Satellite process", ComponentChild.class, config, workDir.resolve(name + ".log"), heap,
                jfr, 20);
    }

    long launchedAt() {
        return child.launchedAt();
    }

    long pid() {
        return child.pid();
    }

    /** Waits for the child to say that its link is up. */
    void awaitOnline() throws IOException {
        child.expect("online");
    }

    /** Heap used in the child after a full GC, in bytes. */
    long heapAfterGc() throws IOException {
        return Long.parseLong(child.ask("heap", "heap").split(" ")[1]);
    }

    @Override
    public void close() throws InterruptedException {
        child.close();
    }

    @Override
    public String toString() {
        return "Satellite process " + child.pid() + " (log " + child.log() + ")";
    }
}
