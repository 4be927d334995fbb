package im.satellite.irc.it;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway end to end through a real ejabberd (Debian package) on loopback. */
class IrcEjabberdIT extends AbstractIrcHostIT {
    @RegisterExtension
    static final HostServerExtension EJABBERD = HostServerExtension.ejabberd(spec());

    @Override
    HostServer server() {
        return EJABBERD.server();
    }
}
