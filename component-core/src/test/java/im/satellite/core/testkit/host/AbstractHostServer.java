package im.satellite.core.testkit.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Prosody and ejabberd share: the temporary directory, the ports, the lifecycle and the
 * wait for listening ports. Subclasses launch, probe and terminate the actual server.
 */
abstract class AbstractHostServer implements HostServer {

  private static final int LOG_TAIL_LINES = 40;

  protected final Logger log = LoggerFactory.getLogger(getClass());
  protected final HostServerSpec spec;
  protected final Path workDir;
  private final int clientPort;
  private final Map<String, Integer> componentPorts;
  private final int proxy65Port;
  private final int[] extraPorts;
  private boolean closed;

  /**
   * Picks the ports: the c2s port, {@code componentPortCount} component ports (one per component,
   * or one shared by all when the count is 1), the proxy65 port unless the spec fixes it, and
   * {@code extraPortCount} more for the subclass ({@link #extraPort(int)}).
   */
  AbstractHostServer(HostServerSpec spec, String kind, int componentPortCount, int extraPortCount) {
    this.spec = Objects.requireNonNull(spec, "spec");
    int fixedProxyPort = spec.builtinProxy65().map(HostServerSpec.BuiltinProxy65::port).orElse(-1);
    int[] ports = Ports.allocate(1 + componentPortCount + (fixedProxyPort == 0 ? 1 : 0) + extraPortCount);
    int next = 0;
    this.clientPort = ports[next++];
    Map<String, Integer> byComponent = new LinkedHashMap<>();
    for (HostServerSpec.ExternalComponent c : spec.components()) {
      byComponent.put(c.subdomain(), ports[next + byComponent.size() % componentPortCount]);
    }
    next += componentPortCount;
    this.componentPorts = Collections.unmodifiableMap(byComponent);
    this.proxy65Port = fixedProxyPort == 0 ? ports[next++] : fixedProxyPort;
    this.extraPorts = Arrays.copyOfRange(ports, next, ports.length);
    try {
      this.workDir = Files.createTempDirectory("satellite-" + kind + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /** The i-th port reserved for the subclass. */
  protected final int extraPort(int i) {
    return extraPorts[i];
  }

  @Override
  public final HostServerSpec spec() {
    return spec;
  }

  @Override
  public final String domain() {
    return spec.domain();
  }

  @Override
  public final String host() {
    return Ports.LOOPBACK;
  }

  @Override
  public final int clientPort() {
    return clientPort;
  }

  @Override
  public final int componentPort() {
    if (spec.components().isEmpty()) {
      throw new IllegalStateException("the spec declares no external component: " + spec);
    }
    return componentPort(spec.components().get(0).subdomain());
  }

  @Override
  public final int componentPort(String subdomain) {
    Integer port = componentPorts.get(subdomain);
    if (port == null) {
      throw new IllegalArgumentException("no external component " + subdomain + " in " + spec);
    }
    return port;
  }

  @Override
  public final int builtinProxy65Port() {
    if (proxy65Port < 0) {
      throw new IllegalStateException("the spec asks for no built-in proxy65: " + spec);
    }
    return proxy65Port;
  }

  /** Every port the server must listen on once started. */
  protected final List<Integer> listeningPorts() {
    List<Integer> ports = new ArrayList<>();
    ports.add(clientPort);
    componentPorts.values().stream().distinct().forEach(ports::add);
    if (proxy65Port >= 0) {
      ports.add(proxy65Port);
    }
    return ports;
  }

  @Override
  public final void start() {
    if (closed) {
      throw new IllegalStateException(kind() + " server was closed");
    }
    if (isRunning()) {
      throw new IllegalStateException(kind() + " server is already running");
    }
    long t0 = System.nanoTime();
    try {
      launch();
      awaitReady(startTimeout(), t0);
    } catch (RuntimeException e) {
      try {
        terminate();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    log.info("{} started in {} ms: c2s {}:{}, components {}, dir {}", kind(),
        (System.nanoTime() - t0) / 1_000_000, host(), clientPort, componentPorts, workDir);
  }

  @Override
  public final void stop() {
    if (!isRunning()) {
      return;
    }
    long t0 = System.nanoTime();
    terminate();
    log.info("{} stopped in {} ms", kind(), (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public final void restart() {
    stop();
    start();
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } finally {
      deleteTree(workDir);
    }
  }

  /** Starts the server process; returns without waiting for its ports. */
  protected abstract void launch();

  /** Stops the server process and waits until it is gone; must tolerate a dead process. */
  protected abstract void terminate();

  /** How long {@link #start()} waits for the ports. */
  protected abstract Duration startTimeout();

  /** Called once all ports accept connections; returns false while the server is still starting. */
  protected boolean fullyStarted() {
    return true;
  }

  private void awaitReady(Duration timeout, long t0) {
    long deadline = t0 + timeout.toNanos();
    List<Integer> ports = listeningPorts();
    while (System.nanoTime() < deadline) {
      if (ports.stream().allMatch(Ports::accepts) && fullyStarted()) {
        return;
      }
      // Give a daemonising launcher a moment before concluding that the server died.
      if (!isRunning() && System.nanoTime() - t0 > Duration.ofSeconds(3).toNanos()) {
        throw new IllegalStateException(kind() + " exited during startup; log " + logFile()
            + ":\n" + logTail());
      }
      sleep(Duration.ofMillis(100));
    }
    List<Integer> closedPorts = ports.stream().filter(p -> !Ports.accepts(p)).toList();
    throw new IllegalStateException(kind() + " did not start within " + timeout
        + " (ports not listening: " + closedPorts + "); log " + logFile() + ":\n" + logTail());
  }

  /** Deletes the temporary directory of an instance whose constructor failed; returns {@code e}. */
  protected final RuntimeException abandon(RuntimeException e) {
    closed = true;
    deleteTree(workDir);
    return e;
  }

  /** The last lines of the log file, or a note why there are none. */
  protected final String logTail() {
    Path file = logFile();
    try {
      if (!Files.exists(file)) {
        return "(no log file yet)";
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read log: " + e + ")";
    }
  }

  protected final void writeFile(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  protected static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", root, e.toString());
    }
  }
}
