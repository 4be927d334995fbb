package im.satellite.core.testkit.host;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Logged-in Smack clients (RFC 6120 c2s over plain TCP) for a {@link HostServer}: the server's
 * loopback address and port, its XMPP domain, no TLS, SCRAM-SHA-1 authentication and a 10 s reply
 * timeout. The caller owns each returned connection and must {@code disconnect()} it.
 */
public final class TestClients {

  static {
    // Smack 4.4.8 parses with StAX (smack-xmlparser-stax), which reports a default namespace
    // declaration with the prefix "", but StandardExtensionElementProvider asserts that declared
    // prefixes are non-empty. Under -ea, Surefire's and Failsafe's default, every unknown
    // extension element with an xmlns (e.g. Prosody's <not-connected
    // xmlns='xmpp:prosody.im/protocol/component'/> in a bounce) throws AssertionError and kills
    // the connection's reader thread. Turn that one class's assertions off before it loads.
    XMPPTCPConnection.class.getClassLoader().setClassAssertionStatus(
        "org.jivesoftware.smack.parsing.StandardExtensionElementProvider", false);
  }

  /** How long Smack waits for an IQ result or a collected stanza. */
  public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

  private TestClients() {
  }

  /** The password {@link #connectNewUser(HostServer, String)} gives an account. */
  public static String defaultPassword(String localpart) {
    return "pw-" + localpart;
  }

  /** A configuration builder for the account, to adjust before connecting. */
  public static XMPPTCPConnectionConfiguration.Builder configuration(HostServer server,
      String localpart, String password, String resource) throws IOException {
    return XMPPTCPConnectionConfiguration.builder()
        .setXmppDomain(server.domain())
        // An address literal: Smack does no DNS or SRV lookup.
        .setHostAddress(InetAddress.getByName(server.host()))
        .setPort(server.clientPort())
        .setSecurityMode(SecurityMode.disabled)
        .setUsernameAndPassword(localpart, password)
        .setResource(resource)
        .setConnectTimeout((int) REPLY_TIMEOUT.toMillis());
  }

  /** Connects and logs in an existing account with a random resource. */
  public static XMPPTCPConnection connect(HostServer server, String localpart, String password)
      throws IOException, InterruptedException, SmackException, XMPPException {
    return connect(server, localpart, password, "it-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** Connects and logs in an existing account with the given resource. */
  public static XMPPTCPConnection connect(HostServer server, String localpart, String password,
      String resource) throws IOException, InterruptedException, SmackException, XMPPException {
    XMPPTCPConnection connection =
        new XMPPTCPConnection(configuration(server, localpart, password, resource).build());
    connection.setReplyTimeout(REPLY_TIMEOUT.toMillis());
    try {
      connection.connect().login();
      return connection;
    } catch (IOException | InterruptedException | SmackException | XMPPException | RuntimeException e) {
      connection.disconnect();
      throw e;
    }
  }

  /**
   * Registers {@code localpart} with {@link #defaultPassword(String)} (resetting the password if
   * the account exists) and logs it in.
   */
  public static XMPPTCPConnection connectNewUser(HostServer server, String localpart)
      throws IOException, InterruptedException, SmackException, XMPPException {
    server.registerUser(localpart, defaultPassword(localpart));
    return connect(server, localpart, defaultPassword(localpart));
  }
}
