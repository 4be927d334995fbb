package im.satellite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark command's work directory: its children's configurations, logs and databases. */
public final class WorkDir {
    private WorkDir() {
    }

    /** Deletes the directory and all in it; called after a successful run only (a failed run keeps it to read). */
    public static void delete(Path work) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
