package im.satellite.bench.muc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@link ComponentChild} as a child JVM (its own {@code -Xmx}, the benchmark's class path) with the given
 * YAML configuration, and asks it for its heap over stdin/stdout. The child's log goes to a file in the work
 * directory. {@link #launchedAt()} is the {@code System.nanoTime()} just before the process was started, for
 * start-up times measured by whoever accepts its component link.
 */
final class ComponentProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentProcess.class);
    private final Process process;
    private final PrintWriter control;
    private final BufferedReader replies;
    private final Path log;
    private final long launchedAt;

    ComponentProcess(Path workDir, String name, String yaml, String heap, Path jfr) throws IOException {
        Path config = workDir.resolve(name + ".yml");
        Files.writeString(config, yaml);
        log = workDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ComponentChild.class.getName());
        cmd.add(config.toString());
        launchedAt = System.nanoTime();
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        control = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    long launchedAt() {
        return launchedAt;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the child to say that its link is up. */
    void awaitOnline() throws IOException {
        expect("online");
    }

    /** Heap used in the child after a full GC, in bytes. */
    long heapAfterGc() throws IOException {
        control.println("heap");
        return Long.parseLong(expect("heap").split(" ")[1]);
    }

    /** Reads the child's stdout up to the line starting with {@code prefix}; the JVM may print lines of its own. */
    private String expect(String prefix) throws IOException {
        for (String line; (line = replies.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            LOG.debug("Satellite process: {}", line);
        }
        throw new IOException("the Satellite process ended before saying " + prefix + "; see its log " + log);
    }

    @Override
    public void close() throws InterruptedException {
        control.println("quit");
        control.close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "Satellite process " + process.pid() + " (log " + log + ")";
    }
}
