package im.satellite.persistence;

import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one owner's Flyway migrations. Each owner (a service such as {@code muc}) keeps its scripts in its own
 * location, {@code classpath:db/<owner>/V001__rooms.sql} and so on, and its own history table
 * {@code schema_history_<owner>}, so several services share one database without sharing a version sequence.
 */
final class Migrator {

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    /** Owners become part of a table name, so they are restricted to safe identifiers. */
    private static final Pattern OWNER = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final DataSource dataSource;

    Migrator(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Applies the pending migrations of {@code owner} found at {@code location}.
     *
     * @return how many migrations were applied; 0 when the schema was up to date
     * @throws IllegalArgumentException if {@code owner} is not a lower-case identifier
     * @throws DataAccessException      if the location is missing or a migration fails or fails validation
     */
    int migrate(String owner, String location) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(location, "location");
        if (!OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("Owner must match " + OWNER.pattern() + ": " + owner);
        }
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .table(historyTable(owner))
                // Once another owner has created tables, Flyway refuses a non-empty schema without this owner's
                // history table unless it may baseline. Baselining at version 0 keeps this owner's V1 pending.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            MigrationInfo current = flyway.info().current();
            log.info("Migrated schema of {}: {} migration(s) applied from {}, schema version {}",
                    owner, result.migrationsExecuted, location, current == null ? "none" : current.getVersion());
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw DataAccessException.forOperation("Migrating the schema of " + owner + " from " + location + " failed",
                    e);
        }
    }

    static String historyTable(String owner) {
        return "schema_history_" + owner;
    }
}
