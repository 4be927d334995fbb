package im.satellite.irc.it;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway end to end through a real Prosody (Debian package) on loopback. */
class IrcProsodyIT extends AbstractIrcHostIT {
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(spec());

    @Override
    HostServer server() {
        return PROSODY.server();
    }
}
