package im.satellite.core.testkit.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostServerSpecTest {

  @Test
  void defaultsToLocalhostWithNothingDeclared() {
    HostServerSpec spec = HostServerSpec.builder().build();
    assertEquals("localhost", spec.domain());
    assertTrue(spec.components().isEmpty());
    assertTrue(spec.builtinMuc().isEmpty() && spec.builtinProxy65().isEmpty());
  }

  @Test
  void keepsComponentsInDeclarationOrder() {
    HostServerSpec spec = HostServerSpec.withComponents(
        new HostServerSpec.ExternalComponent("muc.localhost", "a"),
        new HostServerSpec.ExternalComponent("irc.localhost", "b"));
    assertEquals(List.of("muc.localhost", "irc.localhost"),
        spec.components().stream().map(HostServerSpec.ExternalComponent::subdomain).toList());
    assertEquals("b", spec.component("irc.localhost").orElseThrow().secret());
  }

  @Test
  void rejectsAServiceNameUsedTwice() {
    HostServerSpec.Builder b = HostServerSpec.builder()
        .component("muc.localhost", "a")
        .builtinMuc("muc.localhost");
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void rejectsValuesThatWouldNeedQuotingInTheGeneratedConfig() {
    HostServerSpec.Builder b = HostServerSpec.builder();
    assertThrows(IllegalArgumentException.class, () -> b.component("muc.localhost", "se\"cret"));
    assertThrows(IllegalArgumentException.class, () -> b.component("Muc Host", "secret"));
    assertThrows(IllegalArgumentException.class, () -> b.ejabberdModule("mod_mam", "default: always"));
    assertThrows(IllegalArgumentException.class, () -> b.builtinProxy65("proxy.localhost", 70000));
  }
}
