package im.satellite.muc.it;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MUC flows through a real ejabberd whose {@code mod_multicast} delivers Satellite's groupchat fan-out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EjabberdMulticastMucIT extends AbstractMulticastMucIT {
    @RegisterExtension
    static final HostServerExtension EJABBERD = HostServerExtension.ejabberd(multicastSpec());

    @Override
    HostServer server() {
        return EJABBERD.server();
    }
}
