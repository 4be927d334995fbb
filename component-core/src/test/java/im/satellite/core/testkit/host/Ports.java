package im.satellite.core.testkit.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports and a probe for listening ones. */
final class Ports {

  static final String LOOPBACK = "127.0.0.1";

  private Ports() {
  }

  /**
   * Returns {@code count} distinct ports that were free on 127.0.0.1 a moment ago. All sockets are
   * bound before any is closed, so the ports differ; another process could still take one before
   * the server binds it, which is unlikely enough for tests.
   */
  static int[] allocate(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket();
        sockets.add(s);
        s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
        ports[i] = s.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // nothing was ever accepted on it
        }
      }
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
  static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LOOPBACK, port), 250);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
