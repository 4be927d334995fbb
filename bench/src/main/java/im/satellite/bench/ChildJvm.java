package im.satellite.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A benchmark's child JVM: {@code main} run with its own {@code -Xmx}, the benchmark's class path and, optionally, a
 * JFR recording, given its YAML configuration file as its only argument. The parent talks to it over a line protocol
 * (commands on its stdin, replies on its stdout, {@code quit} to stop); its stderr (the log) goes to {@code log}.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private final String name;
    private final Process process;
    private final PrintWriter control;
    private final BufferedReader replies;
    private final Path log;
    private final long launchedAt;
    private final int quitSeconds;

    /**
     * @param name        what the child is called in messages, e.g. "gateway process"
     * @param jfr         where to write a JFR recording, or {@code null} for none
     * @param quitSeconds how long {@link #close()} waits for the child to quit before killing it
     */
    public ChildJvm(String name, Class<?> main, Path config, Path log, String heap, Path jfr, int quitSeconds)
            throws IOException {
        this.name = name;
        this.log = log;
        this.quitSeconds = quitSeconds;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        // Extra options for profiling, e.g. "-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit" for perf.
        String extra = System.getenv("BENCH_CHILD_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath() + ",settings=profile");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.add(config.toString());
        launchedAt = System.nanoTime();
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        control = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The {@code System.nanoTime()} just before the process was started. */
    public long launchedAt() {
        return launchedAt;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Sends {@code command} and returns the reply line, the first one starting with {@code replyPrefix}. */
    public String ask(String command, String replyPrefix) throws IOException {
        control.println(command);
        return expect(replyPrefix);
    }

    /** Reads the child's stdout up to the line starting with {@code prefix}; the JVM may print lines of its own. */
    public String expect(String prefix) throws IOException {
        for (String line; (line = replies.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            LOG.debug("{}: {}", name, line);
        }
        throw new IOException("the " + name + " ended before saying " + prefix + "; see its log " + log);
    }

    /** Asks the child to quit and waits for it; kills it if it has not ended in time. */
    @Override
    public void close() throws InterruptedException {
        control.println("quit");
        control.close();
        if (!process.waitFor(quitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
