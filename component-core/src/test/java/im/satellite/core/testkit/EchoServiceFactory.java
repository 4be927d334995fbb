package im.satellite.core.testkit;

import im.satellite.core.ComponentService;
import im.satellite.core.ServiceContext;
import im.satellite.core.ServiceFactory;
import im.satellite.core.config.ConfigSection;
import im.satellite.core.disco.DiscoInfo;
import im.satellite.core.disco.Identity;
import im.satellite.core.routing.Addressing;
import im.satellite.core.routing.Routes;
import org.xmpp.packet.Message;

/**
 * A trivial service for tests and the protocol-cost baseline of the benchmarks: it declares a disco identity and
 * echoes every message sent to {@code anything@its-domain} back to the sender, from the address it was sent to.
 */
public final class EchoServiceFactory implements ServiceFactory<String> {
    @Override
    public String key() {
        return "echo";
    }

    @Override
    public String description() {
        return "echoes messages (tests and benchmarks)";
    }

    @Override
    public String configure(ConfigSection options) {
        return options.string("name", "Echo");
    }

    @Override
    public ComponentService create(String name, ServiceContext context) {
        return new ComponentService() {
            @Override
            public Routes routes() {
                return Routes.builder()
                        .message(Addressing.BARE, (m, ctx) -> {
                            if (m.getType() != Message.Type.error) {
                                Message echo = m.createCopy();
                                echo.setTo(m.getFrom());
                                echo.setFrom(m.getTo());
                                ctx.send(echo);
                            }
                        })
                        .build();
            }

            @Override
            public DiscoInfo discoInfo() {
                return DiscoInfo.of(new Identity("component", "generic", name), "urn:satellite:echo");
            }
        };
    }
}
