package im.satellite.core;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The component link through a real Prosody (Debian package) on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProsodyComponentLinkIT extends AbstractComponentLinkIT {
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(spec());

    @Override
    HostServer server() {
        return PROSODY.server();
    }
}
