package im.satellite.dist;

import im.satellite.core.config.ComponentConfig;
import im.satellite.core.config.ConfigException;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.config.SatelliteConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code satellite check-config FILE}: validates a configuration file without starting anything. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Checks a configuration file and lists every problem, or what would run.")
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the configuration file, e.g. conf/satellite.yml")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SatelliteConfig c = new ConfigLoader(Services.all()).load(file);
            out.println(file + ": OK");
            out.println("  server domain " + c.serverDomain() + ", database " + c.database());
            for (ComponentConfig<?> cc : c.components()) {
                out.println("  " + cc.name() + ": " + cc.link().domain() + " -> " + cc.link().host() + ":"
                        + cc.link().port() + " (" + cc.factory().description() + ")");
            }
            return 0;
        } catch (ConfigException e) {
            err.println("Invalid configuration:");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
    }
}
