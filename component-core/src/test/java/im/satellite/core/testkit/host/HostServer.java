package im.satellite.core.testkit.host;

import java.nio.file.Path;

/**
 * A real XMPP server (Prosody or ejabberd from the machine's packages) run on loopback for
 * integration tests: a client-to-server port for Smack and the XEP-0114 component port(s)
 * Satellite's services attach to.
 *
 * <p>Each instance owns a temporary directory holding its generated configuration, data and log.
 * Ports are picked once, when the instance is created, and kept across {@link #restart()}.
 * Instances are not thread-safe; drive one from a single test thread.
 */
public interface HostServer extends AutoCloseable {

  /** Creates a stopped server of the given kind, {@code "prosody"} or {@code "ejabberd"}. */
  static HostServer create(String kind, HostServerSpec spec) {
    return switch (kind) {
      case ProsodyServer.KIND -> new ProsodyServer(spec);
      case EjabberdServer.KIND -> new EjabberdServer(spec);
      default -> throw new IllegalArgumentException("unknown host server kind: " + kind);
    };
  }

  /** {@code "prosody"} or {@code "ejabberd"}. */
  String kind();

  /** What this server was configured with. */
  HostServerSpec spec();

  /** The XMPP domain of the virtual host, e.g. {@code localhost}. */
  String domain();

  /** The loopback address every listener binds to: {@code 127.0.0.1}. */
  String host();

  /** The client-to-server port (plain XMPP, no TLS). */
  int clientPort();

  /**
   * The XEP-0114 port of the first declared external component.
   *
   * @throws IllegalStateException if the spec declares no external component
   */
  int componentPort();

  /**
   * The XEP-0114 port the given component must connect to. Prosody accepts every component on
   * one port; ejabberd gets one listener per component (see {@link EjabberdServer}).
   *
   * @throws IllegalArgumentException if the spec does not declare that component
   */
  int componentPort(String subdomain);

  /**
   * The SOCKS5 port of the built-in XEP-0065 proxy.
   *
   * @throws IllegalStateException if the spec asks for no built-in proxy
   */
  int builtinProxy65Port();

  /**
   * Creates the account {@code localpart@domain()}, or resets its password if it exists. Works
   * before the first start on Prosody; ejabberd needs a running server.
   */
  void registerUser(String localpart, String password);

  /** Starts the server and waits until all its ports accept connections. */
  void start();

  /** Stops the server and waits for its process to exit; does nothing if it is not running. */
  void stop();

  /** Stops and starts the server again, on the same ports and with the same accounts. */
  void restart();

  /** Whether the server's process is alive. */
  boolean isRunning();

  /** The server's log file, for diagnostics. */
  Path logFile();

  /** Stops the server and deletes its temporary directory; the instance cannot start again. */
  @Override
  void close();
}
