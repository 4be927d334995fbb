package im.satellite.bench.irc;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.irc.IrcGatewayServiceFactory;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The IRC gateway in a process of its own (started by {@link GatewayProcess}), so that its heap and threads are its
 * own. It runs the configuration file given as its argument, says {@code online} on stdout, and answers one-line
 * commands on stdin: {@code stats} collects garbage ({@code System.gc()}, twice) and answers
 * {@code stats <heap used bytes> <live threads>} from the platform MXBeans. It stops at {@code quit} or at the end
 * of stdin.
 */
public final class GatewayChild {
    private GatewayChild() {
    }

    /** Entry point of the child process. */
    public static void main(String[] args) throws Exception {
        // stdout is this process's control channel to the benchmark, not a log.
        PrintStream control = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String yaml = Files.readString(Path.of(args[0]));
        try (ComponentRunner runner = ComponentRunner.start(
                new ConfigLoader(List.of(new IrcGatewayServiceFactory())).parse(yaml, args[0]))) {
            runner.awaitOnline(Duration.ofSeconds(30));
            control.println("online");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("stats")) {
                    System.gc();
                    Thread.sleep(200);
                    System.gc();
                    control.println("stats " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                            + " " + ManagementFactory.getThreadMXBean().getThreadCount());
                }
            }
        }
    }
}
