package im.satellite.bench.muc;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.testkit.EchoServiceFactory;
import im.satellite.muc.MucServiceFactory;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Satellite's runtime with the MUC and echo services in a process of its own (started by {@link ComponentProcess}),
 * so that its heap and start-up are its own. It runs the configuration file given as its argument, says
 * {@code online} on stdout once the link is up, and answers one-line commands on stdin: {@code heap} (a full GC,
 * then {@code heap <bytes used>} from MemoryMXBean). It stops at {@code quit} or at the end of stdin.
 */
public final class ComponentChild {
    private ComponentChild() {
    }

    /** Entry point of the child process. */
    public static void main(String[] args) throws Exception {
        // stdout is this process's control channel to the benchmark, not a log.
        PrintStream control = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String yaml = Files.readString(Path.of(args[0]));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (ComponentRunner runner = ComponentRunner.start(
                new ConfigLoader(List.of(new MucServiceFactory(), new EchoServiceFactory())).parse(yaml, args[0]))) {
            runner.awaitOnline(Duration.ofSeconds(60));
            control.println("online");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("heap")) {
                    control.println("heap " + usedAfterGc(memory));
                }
            }
        }
    }

    /** Heap used after full collections, once it stops shrinking (at most five). */
    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            memory.gc();
            Thread.sleep(100);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used - 64 * 1024) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
