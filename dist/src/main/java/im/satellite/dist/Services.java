package im.satellite.dist;

import im.satellite.core.ServiceFactory;
import im.satellite.irc.IrcGatewayServiceFactory;
import im.satellite.muc.MucServiceFactory;
import im.satellite.proxy.FileProxyServiceFactory;
import java.util.List;

/** The services this distribution can run, by their config key. Wired explicitly: no classpath scanning (STYLE 7.4). */
final class Services {
    private Services() {
    }

    static List<ServiceFactory<?>> all() {
        return List.of(new MucServiceFactory(), new FileProxyServiceFactory(), new IrcGatewayServiceFactory());
    }
}
