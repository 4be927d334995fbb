package im.satellite.core;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The component link through a real ejabberd (Debian package) on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EjabberdComponentLinkIT extends AbstractComponentLinkIT {
    @RegisterExtension
    static final HostServerExtension EJABBERD = HostServerExtension.ejabberd(spec());

    @Override
    HostServer server() {
        return EJABBERD.server();
    }
}
