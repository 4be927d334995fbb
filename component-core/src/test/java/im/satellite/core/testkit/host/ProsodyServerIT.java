package im.satellite.core.testkit.host;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness against Prosody 0.12 (see {@link AbstractHostServerIT}). */
class ProsodyServerIT extends AbstractHostServerIT {

  @RegisterExtension
  static final HostServerExtension PROSODY = HostServerExtension.prosody(spec());

  @Override
  HostServer server() {
    return PROSODY.server();
  }

  /** mod_component: "nope.localhost does not match any configured external components". */
  @Override
  String undeclaredComponentCondition() {
    return "host-unknown";
  }

  /** mod_disco lists every configured subdomain host, connected or not. */
  @Override
  boolean listsUnconnectedComponents() {
    return true;
  }
}
