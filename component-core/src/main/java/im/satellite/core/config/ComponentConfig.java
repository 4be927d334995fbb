package im.satellite.core.config;

import im.satellite.core.ComponentService;
import im.satellite.core.ServiceContext;
import im.satellite.core.ServiceFactory;
import im.satellite.core.stream.LinkSettings;
import java.util.Objects;

/**
 * One enabled component: how it connects, how many lane threads it runs, and its service's validated settings.
 *
 * @param <S> the service's settings type
 */
public record ComponentConfig<S>(ServiceFactory<S> factory, LinkSettings link, int workers, S settings) {
    public ComponentConfig {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(settings, "settings");
    }

    public String name() {
        return factory.key();
    }

    public ComponentService create(ServiceContext context) {
        return factory.create(settings, context);
    }
}
