package im.satellite.muc;

import im.satellite.core.ComponentService;
import im.satellite.core.ServiceContext;
import im.satellite.core.ServiceFactory;
import im.satellite.core.config.ConfigSection;
import im.satellite.muc.store.SqlArchiveStore;
import im.satellite.muc.store.SqliteRoomStore;

/** Creates the XEP-0045 Multi-User Chat service ({@code components.muc} in satellite.yml). */
public final class MucServiceFactory implements ServiceFactory<MucConfig> {
    public MucServiceFactory() {
        // dist wires factories by their public no-arg constructor
    }

    @Override
    public String key() {
        return "muc";
    }

    @Override
    public String description() {
        return "Multi-User Chat rooms (XEP-0045)";
    }

    @Override
    public boolean usesDatabase() {
        return true;
    }

    @Override
    public MucConfig configure(ConfigSection options) {
        return MucConfig.read(options);
    }

    @Override
    public ComponentService create(MucConfig settings, ServiceContext ctx) {
        ctx.database().migrate("muc", "classpath:db/muc");
        return new MucService(settings, ctx, new SqliteRoomStore(ctx.database().jdbc(), ctx.clock()),
                new SqlArchiveStore(ctx.database().jdbc()));
    }
}
