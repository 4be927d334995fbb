package im.satellite.muc.it;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The main XEP-0045 flows (create/enter, groupchat, configuration) through a real ejabberd as the host server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EjabberdMucIT extends AbstractMucIT {
    @RegisterExtension
    static final HostServerExtension EJABBERD = HostServerExtension.ejabberd(spec());

    @Override
    HostServer server() {
        return EJABBERD.server();
    }
}
