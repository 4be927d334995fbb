package im.satellite.core.testkit.host;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prosody 0.12 (Debian's {@code prosody} package) as a {@link HostServer}: renders
 * {@code conf/test/prosody-it.cfg.lua} into a temporary directory and runs
 * {@code prosody --config FILE -F} as a child process, its output appended to the log file.
 *
 * <p>All external components share one component port (Prosody's {@code component_ports}).
 * Accounts are stored by {@code mod_storage_internal} in the temporary directory and created
 * with {@code prosodyctl register}, which works whether or not the server is running.
 * {@code run_as_root = true} in the template lets both commands run as root, where Prosody would
 * otherwise refuse to start and prosodyctl would switch to the {@code prosody} user.
 */
public final class ProsodyServer extends AbstractHostServer {

  /** The value of {@link #kind()}. */
  public static final String KIND = "prosody";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Path configFile;
  private final Path logFile;
  private final Path transcript;
  private Process process;
  private long logOffset;

  /** Creates a stopped server; the configuration is written at once. */
  public ProsodyServer(HostServerSpec spec) {
    super(spec, KIND, spec.components().isEmpty() ? 0 : 1, 0);
    this.configFile = workDir.resolve("prosody.cfg.lua");
    this.logFile = workDir.resolve("prosody.log");
    this.transcript = workDir.resolve("prosodyctl.log");
    try {
      Files.createDirectories(workDir.resolve("data"));
      Files.createDirectories(workDir.resolve("certs"));
      writeFile(configFile, renderConfig());
    } catch (IOException e) {
      throw abandon(new UncheckedIOException("cannot prepare " + workDir, e));
    } catch (RuntimeException e) {
      throw abandon(e);
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Path logFile() {
    return logFile;
  }

  /** The generated configuration file, for diagnostics. */
  public Path configFile() {
    return configFile;
  }

  @Override
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public void registerUser(String localpart, String password) {
    // prosodyctl register creates the account or, if it exists, sets the new password.
    Commands.Result r = Commands.run(List.of(Commands.executable("prosodyctl", "prosody").toString(),
        "--config", configFile.toString(), "register", localpart, domain(), password),
        workDir, transcript, COMMAND_TIMEOUT);
    if (!r.ok()) {
      throw new IllegalStateException("prosodyctl register " + localpart + "@" + domain()
          + " failed (exit " + r.exitCode() + "): " + r.output());
    }
  }

  @Override
  protected void launch() {
    try {
      logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
      process = new ProcessBuilder(Commands.executable("prosody", "prosody").toString(),
          "--config", configFile.toString(), "-F")
          .directory(workDir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start prosody", e);
    }
  }

  @Override
  protected void terminate() {
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      p.destroy(); // SIGTERM: mod_posix shuts down cleanly
      if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("prosody ignored SIGTERM for {}; killing it", STOP_TIMEOUT);
        p.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping prosody", e);
    }
  }

  /**
   * Whether this run's log reports every port as activated: a probe alone would be fooled by
   * another process on the port, since Prosody logs "Failed to open server port" and runs on.
   */
  @Override
  protected boolean fullyStarted() {
    String run;
    try (InputStream in = Files.newInputStream(logFile)) {
      in.skipNBytes(logOffset);
      run = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + logFile, e);
    }
    if (run.contains("Failed to open server port")) {
      throw new IllegalStateException("prosody could not listen on all its ports; log " + logFile
          + ":\n" + logTail());
    }
    return listeningPorts().stream().allMatch(port -> run.contains(" on [127.0.0.1]:" + port));
  }

  @Override
  protected Duration startTimeout() {
    return START_TIMEOUT;
  }

  String renderConfig() {
    StringBuilder global = new StringBuilder();
    StringBuilder components = new StringBuilder();
    for (HostServerSpec.ExternalComponent c : spec.components()) {
      components.append("Component \"").append(c.subdomain()).append("\"\n")
          .append("  component_secret = \"").append(c.secret()).append("\"\n");
    }
    spec.builtinMuc().ifPresent(muc -> {
      components.append("Component \"").append(muc).append("\" \"muc\"\n");
      if (spec.builtinMucArchiving()) {
        components.append("  modules_enabled = { \"muc_mam\" }\n  muc_log_by_default = true\n");
      }
    });
    spec.builtinProxy65().ifPresent(proxy -> {
      global.append("proxy65_ports = { ").append(builtinProxy65Port()).append(" }\n")
          .append("proxy65_interfaces = { \"127.0.0.1\" }\n");
      components.append("Component \"").append(proxy.subdomain()).append("\" \"proxy65\"\n")
          .append("  proxy65_address = \"127.0.0.1\"\n");
    });
    StringBuilder modules = new StringBuilder();
    spec.prosodyModules().forEach(m -> modules.append("  \"").append(m).append("\";\n"));
    if (spec.prosodyReadSize() > 0) {
      // Read by portmanager for every listener; network_settings.read_size is only the fallback it never needs.
      global.append("network_default_read_size = ").append(spec.prosodyReadSize()).append("\n");
    }
    if (spec.satelliteMulticast()) {
      global.append("plugin_paths = { \"")
          .append(ConfigTemplates.projectRoot().resolve("conf/prosody/modules")).append("\" }\n");
      global.append("satellite_multicast_components = {");
      spec.components().stream().filter(c -> !spec.multicastUnlisted().contains(c.subdomain()))
          .forEach(c -> global.append(" \"").append(c.subdomain()).append("\";"));
      global.append(" }\n");
      modules.append("  \"satellite_multicast\";\n");
    }
    return ConfigTemplates.render(ConfigTemplates.load("prosody-it.cfg.lua"), Map.ofEntries(
        Map.entry("PID_FILE", workDir.resolve("prosody.pid").toString()),
        Map.entry("DATA_DIR", workDir.resolve("data").toString()),
        Map.entry("CERTS_DIR", workDir.resolve("certs").toString()),
        Map.entry("LOG_FILE", logFile.toString()),
        Map.entry("LOG_LEVEL", spec.debugLogging() ? "debug" : "info"),
        Map.entry("C2S_PORT", Integer.toString(clientPort())),
        Map.entry("COMPONENT_PORT", spec.components().isEmpty() ? "" : Integer.toString(componentPort())),
        Map.entry("GLOBAL_OPTIONS", global.toString()),
        Map.entry("EXTRA_MODULES", modules.toString()),
        Map.entry("DOMAIN", domain()),
        Map.entry("COMPONENTS", components.toString())));
  }
}
