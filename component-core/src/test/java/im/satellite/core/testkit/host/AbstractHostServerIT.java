package im.satellite.core.testkit.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves the harness against a real server: Smack clients exchange a message (RFC 6120), the
 * component port speaks XEP-0114, restarts keep accounts and ports, and the spec's built-in
 * services and extra modules are there. Subclasses supply the server and its known quirks.
 */
abstract class AbstractHostServerIT {

  static final String MUC = "muc.localhost";
  static final String MUC_SECRET = "muc-secret";
  static final String IRC = "irc.localhost";
  static final String IRC_SECRET = "irc-secret";
  static final String BUILTIN_MUC = "conference.localhost";
  static final String BUILTIN_PROXY = "proxy.localhost";
  static final String LAST_ACTIVITY = "jabber:iq:last";

  static HostServerSpec spec() {
    return HostServerSpec.builder()
        .component(MUC, MUC_SECRET)
        .component(IRC, IRC_SECRET)
        .builtinMuc(BUILTIN_MUC)
        .builtinProxy65(BUILTIN_PROXY, 0)
        .prosodyModule("uptime") // XEP-0012 on the server JID
        .ejabberdModule("mod_last")
        .build();
  }

  private final Logger log = LoggerFactory.getLogger(getClass());

  abstract HostServer server();

  /** The stream error condition for a handshake to a component the server does not know. */
  abstract String undeclaredComponentCondition();

  /** Whether disco#items on the domain lists external components that are not connected. */
  abstract boolean listsUnconnectedComponents();

  @Test
  void deliversAChatMessageBetweenTwoClients() throws Exception {
    XMPPTCPConnection alice = TestClients.connectNewUser(server(), "alice");
    XMPPTCPConnection bob = TestClients.connectNewUser(server(), "bob");
    try (StanzaCollector inbox = bob.createStanzaCollector(
        new AndFilter(MessageTypeFilter.CHAT, FromMatchesFilter.createFull(alice.getUser())))) {
      // The unknown extension checks TestClients' workaround for Smack's StAX assertion.
      alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
          .to(bob.getUser()).ofType(Message.Type.chat).setBody("hello from alice")
          .addExtension(StandardExtensionElement.builder("x", "urn:satellite:test").build())
          .build());
      Message received = inbox.nextResultOrThrow(TestClients.REPLY_TIMEOUT.toMillis());
      assertEquals("hello from alice", received.getBody(), "Bob receives Alice's chat message");
      assertTrue(received.hasExtension("x", "urn:satellite:test"), "with its extension element");
    } finally {
      alice.disconnect();
      bob.disconnect();
    }
  }

  @Test
  void acceptsAComponentWithTheRightSecret() throws Exception {
    try (ComponentStream muc = ComponentStream.open(server(), server().componentPort(MUC), MUC)) {
      assertTrue(muc.handshake(MUC_SECRET).endsWith("<handshake/>"),
          "XEP-0114 §3: the server acknowledges a correct handshake with an empty <handshake/>");
    }
  }

  @Test
  void rejectsAComponentWithAWrongSecret() throws Exception {
    try (ComponentStream muc = ComponentStream.open(server(), server().componentPort(MUC), MUC)) {
      String reply = muc.handshake("not-the-secret");
      log.info("{} answers a wrong secret with: {}", server().kind(), reply);
      assertTrue(reply.contains("<stream:error><not-authorized"),
          "XEP-0114 §3: a wrong handshake gets a not-authorized stream error, got " + reply);
      assertTrue(reply.endsWith("</stream:stream>"), "and the server closes the stream");
    }
  }

  @Test
  void rejectsAnUndeclaredComponent() throws Exception {
    try (ComponentStream nope =
        ComponentStream.open(server(), server().componentPort(), "nope.localhost")) {
      String reply = nope.handshake("whatever");
      log.info("{} answers an undeclared component with: {}", server().kind(), reply);
      assertTrue(reply.contains("<" + undeclaredComponentCondition() + " "),
          "expected a " + undeclaredComponentCondition() + " stream error, got " + reply);
    }
  }

  @Test
  void routesEachComponentOnlyItsOwnTraffic() throws Exception {
    XMPPTCPConnection alice = TestClients.connectNewUser(server(), "alice");
    try (ComponentStream muc = ComponentStream.open(server(), server().componentPort(MUC), MUC)) {
      muc.handshake(MUC_SECRET);
      alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
          .to("x@" + IRC).setBody("for-irc").build());
      alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
          .to("x@" + MUC).setBody("for-muc").build());
      String received = muc.readUntil("for-muc");
      assertTrue(received.contains("for-muc"), "the muc component receives its message");
      assertFalse(received.contains("for-irc"),
          "the muc component does not receive the irc component's message: " + received);
    } finally {
      alice.disconnect();
    }
  }

  @Test
  void domainDiscoItemsListConnectedComponents() throws Exception {
    XMPPTCPConnection alice = TestClients.connectNewUser(server(), "alice");
    try (ComponentStream muc = ComponentStream.open(server(), server().componentPort(MUC), MUC)) {
      muc.handshake(MUC_SECRET);
      DiscoverItems items = ServiceDiscoveryManager.getInstanceFor(alice).discoverItems(domain());
      List<String> jids = items.getItems().stream().map(i -> i.getEntityID().toString()).toList();
      log.info("{} disco#items on {} while {} is connected: {}", server().kind(), domain(), MUC, jids);
      assertTrue(jids.contains(MUC), "XEP-0030: a connected component is listed: " + jids);
      assertEquals(listsUnconnectedComponents(), jids.contains(IRC),
          "the unconnected " + IRC + " is listed only by some servers: " + jids);
      assertTrue(jids.contains(BUILTIN_MUC) && jids.contains(BUILTIN_PROXY),
          "built-in services are listed: " + jids);
    } finally {
      alice.disconnect();
    }
  }

  @Test
  void runsTheBuiltinServicesAndExtraModules() throws Exception {
    XMPPTCPConnection alice = TestClients.connectNewUser(server(), "alice");
    try {
      ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice);
      DiscoverInfo muc = disco.discoverInfo(JidCreate.domainBareFrom(BUILTIN_MUC));
      assertTrue(muc.hasIdentity("conference", "text"), "XEP-0045 §6.2: the built-in MUC answers disco#info");
      assertTrue(disco.discoverInfo(domain()).containsFeature(LAST_ACTIVITY),
          "the extra module adds XEP-0012 to the server's features");

      Bytestream query = new Bytestream();
      query.setTo(JidCreate.domainBareFrom(BUILTIN_PROXY));
      query.setType(IQ.Type.get);
      Bytestream reply = alice.createStanzaCollectorAndSend(query).nextResultOrThrow();
      Bytestream.StreamHost host = reply.getStreamHosts().get(0);
      assertEquals(server().builtinProxy65Port(), host.getPort(),
          "XEP-0065 §4: the built-in proxy announces the port the harness picked");
      assertEquals("127.0.0.1", host.getAddress().toString());
      assertTrue(Ports.accepts(host.getPort()), "and listens on it");
    } finally {
      alice.disconnect();
    }
  }

  @Test
  void registeringAgainResetsThePassword() throws Exception {
    server().registerUser("dave", "first");
    server().registerUser("dave", "second");
    TestClients.connect(server(), "dave", "second").disconnect();
    assertThrows(SASLErrorException.class, () -> TestClients.connect(server(), "dave", "first"),
        "the old password no longer works");
  }

  @Test
  void restartKeepsAccountsAndPorts() throws Exception {
    HostServer server = server();
    int c2s = server.clientPort();
    int muc = server.componentPort(MUC);
    server.registerUser("carol", "carol-pw");

    long t0 = System.nanoTime();
    server.restart();
    log.info("{} restarted in {} ms", server.kind(), (System.nanoTime() - t0) / 1_000_000);

    assertTrue(server.isRunning(), "the server runs again");
    assertEquals(c2s, server.clientPort(), "on the same c2s port");
    assertEquals(muc, server.componentPort(MUC), "and the same component port");
    TestClients.connect(server, "carol", "carol-pw").disconnect();
    try (ComponentStream stream = ComponentStream.open(server, muc, MUC)) {
      assertTrue(stream.handshake(MUC_SECRET).endsWith("<handshake/>"), "components can connect again");
    }
    assertTrue(Files.size(server.logFile()) > 0, "the log file has the server's output");
  }

  private DomainBareJid domain() throws Exception {
    return JidCreate.domainBareFrom(server().domain());
  }

  /** Just enough of XEP-0114 over a raw socket: open the stream, hand shake, read text. */
  static final class ComponentStream implements AutoCloseable {
    private static final Pattern STREAM_ID =
        Pattern.compile("<stream:stream\\s[^>]*?\\bid=['\"]([^'\"]*)['\"]");
    private final Socket socket;
    private final Reader in;
    private final StringBuilder received = new StringBuilder();
    private int consumed;

    private ComponentStream(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8);
    }

    static ComponentStream open(HostServer server, int port, String to) throws IOException {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress(server.host(), port), 5_000);
      socket.setSoTimeout((int) TestClients.REPLY_TIMEOUT.toMillis());
      ComponentStream stream = new ComponentStream(socket);
      stream.send("<stream:stream xmlns='jabber:component:accept' "
          + "xmlns:stream='http://etherx.jabber.org/streams' to='" + to + "'>");
      return stream;
    }

    /**
     * Reads the stream header, sends {@code <handshake>} with hex(SHA-1(id + secret)) and returns
     * what the server sent after the header: {@code <handshake/>} or a stream error. A server
     * that rejects the stream before the handshake gets no handshake.
     */
    String handshake(String secret) throws IOException, NoSuchAlgorithmException {
      read(() -> STREAM_ID.matcher(received).find() || ended());
      Matcher m = STREAM_ID.matcher(received);
      if (!m.find()) {
        throw new IOException("no stream header: " + received);
      }
      consumed = received.indexOf(">", m.end()) + 1;
      if (!ended()) {
        byte[] digest = MessageDigest.getInstance("SHA-1")
            .digest((m.group(1) + secret).getBytes(StandardCharsets.UTF_8));
        send("<handshake>" + HexFormat.of().formatHex(digest) + "</handshake>");
        read(() -> received.indexOf("<handshake/>", consumed) >= 0 || ended());
      }
      String reply = received.substring(consumed);
      consumed = received.length();
      return reply;
    }

    /** Reads until {@code marker} arrives or the stream ends; returns the new text. */
    String readUntil(String marker) throws IOException {
      read(() -> received.indexOf(marker, consumed) >= 0 || ended());
      String text = received.substring(consumed);
      consumed = received.length();
      return text;
    }

    private boolean ended() {
      return received.indexOf("</stream:stream>") >= 0;
    }

    private void read(java.util.function.BooleanSupplier done) throws IOException {
      char[] buf = new char[4096];
      while (!done.getAsBoolean()) {
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          throw new IOException("timed out; received so far: " + received, e);
        }
        if (n < 0) {
          return;
        }
        received.append(buf, 0, n);
      }
    }

    private void send(String xml) throws IOException {
      socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
