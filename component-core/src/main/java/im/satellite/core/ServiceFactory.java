package im.satellite.core;

import im.satellite.core.config.ConfigSection;

/**
 * Creates one kind of service from its section of {@code satellite.yml}. Configuration is read and validated by
 * {@link #configure} before anything starts, so an invalid file fails as a whole with every problem named.
 *
 * @param <S> the service's validated settings
 */
public interface ServiceFactory<S> {

    /** The key under {@code components:} in the config, e.g. {@code muc}. */
    String key();

    /** One line for {@code --help} and logs. */
    String description();

    /** Whether the service stores data; the database is opened only if an enabled service does. */
    default boolean usesDatabase() {
        return false;
    }

    /**
     * Reads the service's own options from its component section (the connection keys are already read). Records
     * problems with {@link ConfigSection#problem} rather than throwing.
     */
    S configure(ConfigSection options);

    /** Builds the service; nothing is connected yet. */
    ComponentService create(S settings, ServiceContext context);
}
