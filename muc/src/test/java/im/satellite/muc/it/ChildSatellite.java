package im.satellite.muc.it;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.muc.MucServiceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Satellite with the MUC service in a child JVM, for the kill -9 test: reads the config from the file named by the
 * first argument and runs until killed.
 */
public final class ChildSatellite {
    private ChildSatellite() {
    }

    public static void main(String[] args) throws Exception {
        String yaml = Files.readString(Path.of(args[0]));
        ComponentRunner runner = ComponentRunner.start(
                new ConfigLoader(List.of(new MucServiceFactory())).parse(yaml, args[0]));
        runner.awaitOnline(Duration.ofSeconds(30));
        Thread.currentThread().join();
    }
}
