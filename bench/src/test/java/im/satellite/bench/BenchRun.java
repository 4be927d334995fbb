package im.satellite.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code bench} command line in this JVM and captures what it prints, for the smoke tests. */
public record BenchRun(int exitCode, String out, String err) {
    /** Runs {@code bench <args>}. */
    public static BenchRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Bench()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new BenchRun(code, out.toString(), err.toString());
    }

    /** The printed line that starts (after indentation) with {@code label}, or null. */
    public String row(String label) {
        return out.lines().map(String::strip).filter(l -> l.startsWith(label)).findFirst().orElse(null);
    }
}
