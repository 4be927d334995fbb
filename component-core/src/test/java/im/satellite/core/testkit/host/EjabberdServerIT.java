package im.satellite.core.testkit.host;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness against ejabberd 23.01 (see {@link AbstractHostServerIT}). */
class EjabberdServerIT extends AbstractHostServerIT {

  @RegisterExtension
  static final HostServerExtension EJABBERD = HostServerExtension.ejabberd(spec());

  @Override
  HostServer server() {
    return EJABBERD.server();
  }

  /** ejabberd_service accepts any "to", then rejects the handshake: no host-unknown. */
  @Override
  String undeclaredComponentCondition() {
    return "not-authorized";
  }

  /** mod_disco lists only registered routes: a component appears while it is connected. */
  @Override
  boolean listsUnconnectedComponents() {
    return false;
  }
}
