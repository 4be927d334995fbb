package im.satellite.core.testkit.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ejabberd 23.01 (Debian's {@code ejabberd} package) as a {@link HostServer}: renders
 * {@code conf/test/ejabberd-it.yml}, {@code ejabberdctl-it.cfg} and {@code ejabberd-it.inetrc}
 * into a temporary directory and drives the node with {@code ejabberdctl --config-dir D --config
 * F --ctl-config C --spool S --logs L start|status|register}; {@link #stop()} sends the VM
 * SIGTERM, which is as clean as {@code ejabberdctl stop} and faster.
 *
 * <p>Each instance is its own Erlang node ({@code ejabberd-it-PORT@localhost}) on its own
 * distribution port with its own cookie; with {@code ERL_DIST_PORT} set ejabberdctl neither
 * starts nor asks epmd, so nothing is left behind after {@link #stop()}. Each external component
 * gets its own {@code ejabberd_service} listener and port, because a component authenticated on a
 * listener receives the traffic of every host that listener declares.
 *
 * <p>Debian's ejabberdctl runs everything as the {@code ejabberd} user: as root it wraps each
 * command in {@code su ejabberd}, so the temporary directory is handed over to that user; any
 * other user gets "can only be run by root or the user ejabberd". For such users the harness runs
 * a copy of the script with its {@code INSTALLUSER} check removed, so the node runs as the
 * current user.
 */
public final class EjabberdServer extends AbstractHostServer {

  /** The value of {@link #kind()}. */
  public static final String KIND = "ejabberd";

  private static final String INSTALL_USER = "ejabberd";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final String node;
  private final Path configFile;
  private final Path ctlConfigFile;
  private final Path spoolDir;
  private final Path logsDir;
  private final Path transcript;
  private final Path ejabberdctl;

  /** Creates a stopped server; the configuration is written at once. */
  public EjabberdServer(HostServerSpec spec) {
    super(spec, KIND, spec.components().size(), 1);
    this.node = "ejabberd-it-" + distPort() + "@localhost";
    this.configFile = workDir.resolve("ejabberd.yml");
    this.ctlConfigFile = workDir.resolve("ejabberdctl.cfg");
    this.spoolDir = workDir.resolve("spool");
    this.logsDir = workDir.resolve("logs");
    this.transcript = workDir.resolve("ejabberdctl.log");
    try {
      Files.createDirectories(spoolDir);
      Files.createDirectories(logsDir);
      Files.createDirectories(workDir.resolve("contrib"));
      writeFile(configFile, renderConfig());
      writeFile(ctlConfigFile, renderCtlConfig());
      writeFile(workDir.resolve("inetrc"), ConfigTemplates.load("ejabberd-it.inetrc"));
      this.ejabberdctl = prepareEjabberdctl();
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
    return logsDir.resolve("ejabberd.log");
  }

  /** The generated ejabberd.yml, for diagnostics. */
  public Path configFile() {
    return configFile;
  }

  /** The Erlang node name, e.g. {@code ejabberd-it-40123@localhost}. */
  public String nodeName() {
    return node;
  }

  private int distPort() {
    return extraPort(0);
  }

  @Override
  public boolean isRunning() {
    return beamProcess().isPresent();
  }

  @Override
  public void registerUser(String localpart, String password) {
    if (!isRunning()) {
      throw new IllegalStateException("ejabberdctl register needs a running ejabberd; start it first");
    }
    Commands.Result r = ctl("register", localpart, domain(), password);
    if (!r.ok() && r.output().contains("conflict")) {
      r = ctl("change_password", localpart, domain(), password);
    }
    if (!r.ok()) {
      throw new IllegalStateException("ejabberdctl register " + localpart + "@" + domain()
          + " failed (exit " + r.exitCode() + "): " + r.output());
    }
  }

  @Override
  protected void launch() {
    // Returns at once: "start" runs erl -detached.
    Commands.Result r = ctl("start");
    if (!r.ok()) {
      throw new IllegalStateException("ejabberdctl start failed (exit " + r.exitCode() + "): "
          + r.output() + "\nlog " + logFile() + ":\n" + logTail());
    }
  }

  @Override
  protected boolean fullyStarted() {
    // Listeners open shortly before the node reports "started"; status exits 0 only then.
    return ctl("status").ok();
  }

  @Override
  protected void terminate() {
    Optional<ProcessHandle> beam = beamProcess();
    if (beam.isEmpty()) {
      return;
    }
    // SIGTERM makes the VM run init:stop(), the same clean shutdown as "ejabberdctl stop"
    // ("ejabberd ... is stopped" in the log, Mnesia closed), in about 2 s instead of about 5 s:
    // ctl stop returns after 2 s and the VM takes another 3 s to exit.
    ProcessHandle p = beam.get();
    p.destroy();
    if (!await(p, STOP_TIMEOUT)) {
      log.warn("ejabberd node {} ignored SIGTERM for {}; killing pid {}", node, STOP_TIMEOUT, p.pid());
      p.destroyForcibly();
      if (!await(p, STOP_TIMEOUT)) {
        throw new IllegalStateException("cannot kill ejabberd pid " + p.pid());
      }
    }
  }

  @Override
  protected Duration startTimeout() {
    return START_TIMEOUT;
  }

  private static boolean await(ProcessHandle p, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (p.isAlive()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(Duration.ofMillis(50));
    }
    return true;
  }

  /**
   * The node's VM, found by its command line ({@code beam.smp ... -sname NODE}); the node is
   * detached, so it is no child of this JVM. ejabberdctl's short-lived client nodes have other
   * names.
   */
  private Optional<ProcessHandle> beamProcess() {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(p -> {
        ProcessHandle.Info info = p.info();
        if (!info.command().map(c -> c.endsWith("beam.smp")).orElse(false)) {
          return false;
        }
        List<String> args = List.of(info.arguments().orElse(new String[0]));
        int i = args.indexOf("-sname");
        return i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(node);
      }).findFirst();
    }
  }

  private Commands.Result ctl(String... command) {
    List<String> cmd = new ArrayList<>(List.of(ejabberdctl.toString(),
        "--config-dir", workDir.toString(),
        "--config", configFile.toString(),
        "--ctl-config", ctlConfigFile.toString(),
        "--spool", spoolDir.toString(),
        "--logs", logsDir.toString()));
    cmd.addAll(List.of(command));
    return Commands.run(cmd, workDir, transcript, COMMAND_TIMEOUT);
  }

  /** The stock ejabberdctl for root and the ejabberd user, else a copy without the user check. */
  private Path prepareEjabberdctl() {
    Path stock = Commands.executable("ejabberdctl", "ejabberd");
    String user = System.getProperty("user.name");
    if ("root".equals(user)) {
      chownTree(workDir, INSTALL_USER);
      return stock;
    }
    if (INSTALL_USER.equals(user)) {
      return stock;
    }
    try {
      String script = Files.readString(stock, StandardCharsets.UTF_8);
      String patched = script.replace("\nINSTALLUSER=" + INSTALL_USER + "\n", "\nINSTALLUSER=\n");
      if (patched.equals(script)) {
        throw new IllegalStateException(stock + " has no INSTALLUSER=" + INSTALL_USER
            + " line; run the tests as root or as the ejabberd user");
      }
      Path copy = workDir.resolve("ejabberdctl");
      Files.writeString(copy, patched, StandardCharsets.UTF_8);
      if (!copy.toFile().setExecutable(true, true)) {
        throw new IllegalStateException("cannot make " + copy + " executable");
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + stock, e);
    }
  }

  private static void chownTree(Path root, String owner) {
    UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
    try (Stream<Path> files = Files.walk(root)) {
      UserPrincipal user = users.lookupPrincipalByName(owner);
      GroupPrincipal group = users.lookupPrincipalByGroupName(owner);
      for (Path p : (Iterable<Path>) files::iterator) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hand " + root + " over to the '" + owner
          + "' user, as which ejabberdctl runs the node when started by root", e);
    }
  }

  String renderConfig() {
    StringBuilder listeners = new StringBuilder();
    for (HostServerSpec.ExternalComponent c : spec.components()) {
      listeners.append("  -\n")
          .append("    port: ").append(componentPort(c.subdomain())).append('\n')
          .append("    ip: \"127.0.0.1\"\n")
          .append("    module: ejabberd_service\n")
          .append("    shaper: none\n")
          .append("    max_stanza_size: 1048576\n")
          .append("    hosts:\n")
          .append("      \"").append(c.subdomain()).append("\":\n")
          .append("        password: \"").append(c.secret()).append("\"\n");
    }
    StringBuilder modules = new StringBuilder();
    spec.builtinMuc().ifPresent(muc -> {
      modules.append("  mod_muc:\n")
          .append("    hosts: [\"").append(muc).append("\"]\n");
      if (spec.builtinMucArchiving()) {
        modules.append("    default_room_options: {mam: true}\n")
            .append("  mod_mam: {}\n");
      }
    });
    spec.builtinProxy65().ifPresent(proxy -> modules.append("  mod_proxy65:\n")
        .append("    hosts: [\"").append(proxy.subdomain()).append("\"]\n")
        .append("    ip: \"127.0.0.1\"\n")
        .append("    hostname: \"127.0.0.1\"\n")
        .append("    port: ").append(builtinProxy65Port()).append('\n'));
    if (spec.satelliteMulticast()) {
      // Components count as remote senders (their domains are not ejabberd hosts): 20 addresses by default.
      modules.append("  mod_multicast:\n")
          .append("    host: \"").append(spec.multicastService("ejabberd")).append("\"\n")
          .append("    limits: {remote: {message: 1000, presence: 1000}}\n");
    }
    spec.ejabberdModules().forEach(m ->
        modules.append("  ").append(m.name()).append(": ").append(m.options()).append('\n'));
    return ConfigTemplates.render(ConfigTemplates.load("ejabberd-it.yml"), Map.of(
        "DOMAIN", domain(),
        "LOG_LEVEL", spec.debugLogging() ? "debug" : "info",
        "C2S_PORT", Integer.toString(clientPort()),
        "SERVICE_LISTENERS", listeners.toString(),
        "EXTRA_MODULES", modules.toString()));
  }

  private String renderCtlConfig() {
    byte[] cookie = new byte[16];
    new SecureRandom().nextBytes(cookie);
    return ConfigTemplates.render(ConfigTemplates.load("ejabberdctl-it.cfg"), Map.of(
        "NODE", node,
        "DIST_PORT", Integer.toString(distPort()),
        "COOKIE", HexFormat.of().formatHex(cookie),
        "PID_FILE", workDir.resolve("ejabberd.pid").toString(),
        "CONTRIB_DIR", workDir.resolve("contrib").toString()));
  }
}
