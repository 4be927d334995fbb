package im.satellite.core.config;

import im.satellite.persistence.DatabaseConfig;
import java.util.List;
import java.util.Objects;

/**
 * The whole validated configuration: the host server, the database and the enabled components.
 *
 * @param serverDomain the host server's XMPP domain
 * @param database     where services store data (SQLite under {@code data/} by default)
 * @param components   the enabled components, in file order
 */
public record SatelliteConfig(String serverDomain, DatabaseConfig database, List<ComponentConfig<?>> components) {
    public SatelliteConfig {
        Objects.requireNonNull(serverDomain, "serverDomain");
        Objects.requireNonNull(database, "database");
        components = List.copyOf(components);
    }
}
