package im.satellite.core.testkit.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Renders the checked-in templates without starting a server. */
class GeneratedConfigTest {

  private static final HostServerSpec SPEC = HostServerSpec.builder()
      .component("muc.localhost", "muc-secret")
      .component("irc.localhost", "irc-secret")
      .builtinMuc("conference.localhost")
      .builtinProxy65("proxy.localhost", 0)
      .prosodyModule("uptime")
      .ejabberdModule("mod_last")
      .build();

  @Test
  void prosodyConfigDeclaresEveryServiceOnOneComponentPort() throws Exception {
    Path dir;
    try (ProsodyServer server = new ProsodyServer(SPEC)) {
      dir = server.configFile().getParent();
      String config = Files.readString(server.configFile());
      assertFalse(config.contains("{{"), "every placeholder is filled");
      assertEquals(server.componentPort("muc.localhost"), server.componentPort("irc.localhost"));
      assertTrue(config.contains("component_ports = { " + server.componentPort() + " }"));
      assertTrue(config.contains("Component \"irc.localhost\"\n  component_secret = \"irc-secret\""));
      assertTrue(config.contains("Component \"conference.localhost\" \"muc\""));
      assertTrue(config.contains("proxy65_ports = { " + server.builtinProxy65Port() + " }"));
      assertTrue(config.contains("\"uptime\";"));
      assertFalse(server.isRunning());
    }
    assertFalse(Files.exists(dir), "close() deletes the temporary directory");
  }

  @Test
  void ejabberdConfigIsYamlWithOneServiceListenerPerComponent() throws Exception {
    try (EjabberdServer server = new EjabberdServer(SPEC)) {
      JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(server.configFile().toFile());
      JsonNode listen = yaml.get("listen");
      assertEquals(3, listen.size(), "c2s plus one ejabberd_service per component");
      assertEquals(server.clientPort(), listen.get(0).get("port").asInt());
      assertNotEquals(server.componentPort("muc.localhost"), server.componentPort("irc.localhost"));
      JsonNode irc = listen.get(2);
      assertEquals("ejabberd_service", irc.get("module").asText());
      assertEquals(server.componentPort("irc.localhost"), irc.get("port").asInt());
      assertEquals("irc-secret", irc.get("hosts").get("irc.localhost").get("password").asText());
      JsonNode modules = yaml.get("modules");
      assertEquals("conference.localhost", modules.get("mod_muc").get("hosts").get(0).asText());
      assertEquals(server.builtinProxy65Port(), modules.get("mod_proxy65").get("port").asInt());
      assertTrue(modules.has("mod_last"));
      assertTrue(server.nodeName().startsWith("ejabberd-it-"));
    }
  }

  @Test
  void componentPortNeedsADeclaredComponent() {
    try (ProsodyServer server = new ProsodyServer(HostServerSpec.builder().build())) {
      assertThrows(IllegalStateException.class, server::componentPort);
      assertThrows(IllegalArgumentException.class, () -> server.componentPort("muc.localhost"));
      assertThrows(IllegalStateException.class, server::builtinProxy65Port);
    }
  }

  @Test
  void renderingFailsOnAnUnfilledPlaceholder() {
    assertThrows(IllegalArgumentException.class,
        () -> ConfigTemplates.render("a = {{A}}, b = {{B}}", Map.of("A", "1")));
    assertEquals("a = 1", ConfigTemplates.render("a = {{A}}", Map.of("A", "1")));
  }
}
