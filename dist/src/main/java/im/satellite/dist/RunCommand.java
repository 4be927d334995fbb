package im.satellite.dist;

import im.satellite.core.ComponentRunner;
import im.satellite.core.Version;
import im.satellite.core.config.ConfigException;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.config.SatelliteConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code satellite run}: validates the configuration, starts every enabled component and runs until SIGTERM or
 * SIGINT, which trigger a graceful shutdown (services say goodbye, storage is flushed).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the enabled components until stopped.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "conf/satellite.yml",
            description = "the configuration file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "ERROR, WARN, INFO (default), DEBUG or TRACE")
    String logLevel;

    @Option(names = "--wire", description = "log every stanza's XML at DEBUG (contains user content)")
    boolean wire;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Logging.configure(logLevel, wire);
        SatelliteConfig c;
        try {
            c = new ConfigLoader(Services.all()).load(config);
        } catch (ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Invalid configuration, nothing started:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
        log.info("Satellite {} starting with {}", Version.current(), config);
        ComponentRunner runner;
        try {
            runner = ComponentRunner.start(c);
        } catch (RuntimeException e) {
            log.error("Cannot start: {}", e.getMessage());
            log.debug("Stack trace", e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            stopped.countDown();
            Logging.stop();
        }, "satellite-shutdown"));
        stopped.await();
        return 0;
    }
}
