package im.satellite.core.testkit.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server whose port another process holds must fail to start, with its log in the exception,
 * rather than pass the port probe on the squatter's socket.
 */
class PortTakenIT {

  private static final Logger LOG = LoggerFactory.getLogger(PortTakenIT.class);

  @ParameterizedTest
  @ValueSource(strings = {ProsodyServer.KIND, EjabberdServer.KIND})
  void startFailsWhenTheClientPortIsTaken(String kind) throws Exception {
    HostServerSpec spec = HostServerSpec.builder().component("muc.localhost", "secret").build();
    try (HostServer server = HostServer.create(kind, spec);
        ServerSocket squatter =
            new ServerSocket(server.clientPort(), 1, InetAddress.getByName(server.host()))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, server::start);
      LOG.info("{} with a taken port: {}", kind, e.getMessage().lines().findFirst().orElse(""));
      assertFalse(server.isRunning(), "the server that failed to start is stopped");
      assertTrue(e.getMessage().contains(server.logFile().toString()), "the message names the log");
    }
  }
}
