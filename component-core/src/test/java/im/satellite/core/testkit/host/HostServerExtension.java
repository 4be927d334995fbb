package im.satellite.core.testkit.host;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension that runs one {@link HostServer} for all tests of a class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static HostServerExtension prosody = HostServerExtension.prosody(
 *     HostServerSpec.builder().component("muc.localhost", "secret").build());
 * }</pre>
 *
 * <p>The server starts before the first test and is stopped, and its temporary directory deleted,
 * after the last one, whether the tests pass or not. A JVM shutdown hook also stops it if the test
 * JVM is shut down first (Ctrl-C, Surefire's timeout). Register it on a {@code static} field:
 * JUnit calls {@code beforeAll} only for static extensions.
 */
public final class HostServerExtension implements BeforeAllCallback, AfterAllCallback {

  private static final Logger LOG = LoggerFactory.getLogger(HostServerExtension.class);

  private final String kind;
  private final HostServerSpec spec;
  private HostServer server;
  private Thread shutdownHook;

  private HostServerExtension(String kind, HostServerSpec spec) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /** A Prosody server for the class. */
  public static HostServerExtension prosody(HostServerSpec spec) {
    return new HostServerExtension(ProsodyServer.KIND, spec);
  }

  /** An ejabberd server for the class. */
  public static HostServerExtension ejabberd(HostServerSpec spec) {
    return new HostServerExtension(EjabberdServer.KIND, spec);
  }

  /** A server of the given kind, {@code "prosody"} or {@code "ejabberd"}. */
  public static HostServerExtension of(String kind, HostServerSpec spec) {
    return new HostServerExtension(kind, spec);
  }

  /**
   * The running server.
   *
   * @throws IllegalStateException outside the tests of the class
   */
  public HostServer server() {
    if (server == null) {
      throw new IllegalStateException("no " + kind + " server: use the extension from a static "
          + "@RegisterExtension field, and only while the class's tests run");
    }
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    HostServer s = HostServer.create(kind, spec);
    server = s;
    shutdownHook = new Thread(() -> {
      LOG.warn("JVM shutting down with the {} server still up; stopping it", kind);
      s.close();
    }, "stop-" + kind);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    s.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      server = null;
      if (shutdownHook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // the hook is running or about to; it closes the server too, which is idempotent
        }
        shutdownHook = null;
      }
    }
  }
}
