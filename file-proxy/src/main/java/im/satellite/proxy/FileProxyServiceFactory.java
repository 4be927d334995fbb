package im.satellite.proxy;

import im.satellite.core.ComponentService;
import im.satellite.core.ServiceContext;
import im.satellite.core.ServiceFactory;
import im.satellite.core.config.ConfigSection;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Creates the XEP-0065 SOCKS5 Bytestreams proxy from {@code components.proxy} in {@code satellite.yml}. The
 * proxy keeps no data, so it needs no database.
 */
public final class FileProxyServiceFactory implements ServiceFactory<ProxyConfig> {

    public FileProxyServiceFactory() {
        // Public and argument-free: dist wires the factories by name.
    }

    @Override
    public String key() {
        return "proxy";
    }

    @Override
    public String description() {
        return "file-transfer proxy (XEP-0065 SOCKS5 Bytestreams)";
    }

    @Override
    public ProxyConfig configure(ConfigSection options) {
        return ProxyConfig.read(options);
    }

    @Override
    public ComponentService create(ProxyConfig settings, ServiceContext context) {
        return new FileProxyService(settings, context, PooledByteBufAllocator.DEFAULT);
    }
}
