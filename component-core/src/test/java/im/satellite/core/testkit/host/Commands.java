package im.satellite.core.testkit.host;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the servers' command-line tools (prosodyctl, ejabberdctl) with a timeout. */
final class Commands {

  private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
  private static final List<String> EXTRA_DIRS =
      List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin", "/sbin", "/bin");

  /** The exit code and the combined stdout and stderr of a finished command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private Commands() {
  }

  /**
   * Finds an executable on the PATH or in the usual system directories (an ordinary user's
   * PATH often lacks /usr/sbin, where Debian puts ejabberdctl).
   */
  static Path executable(String name, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : (path + File.pathSeparator + String.join(File.pathSeparator, EXTRA_DIRS))
        .split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("'" + name + "' is not installed (not on the PATH nor in "
        + EXTRA_DIRS + "); install the Debian package: apt-get install " + debianPackage);
  }

  /**
   * Runs a command in {@code workDir} with stdin from /dev/null and its output in a file, never a
   * pipe (a daemon started by the command may keep the output open), then appends command and
   * output to {@code transcript}.
   */
  static Result run(List<String> command, Path workDir, Path transcript, Duration timeout) {
    try {
      Path out = Files.createTempFile(workDir, "command-", ".out");
      try {
        Process p = new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          throw new IllegalStateException("timed out after " + timeout + ": " + command
              + "\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        LOG.debug("{} -> exit {}: {}", command, result.exitCode(), result.output().strip());
        Files.writeString(transcript, "$ " + String.join(" ", command) + "\n" + result.output()
            + "[exit " + result.exitCode() + "]\n",
            StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return result;
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
