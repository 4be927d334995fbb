/**
 * Test support for code that stores data in PostgreSQL: {@link im.satellite.persistence.testkit.PostgresServer}, a
 * private cluster made from the installed {@code postgresql} package on a free loopback port, and
 * {@link im.satellite.persistence.testkit.PostgresExtension}, which runs one per JUnit test class. Published to other
 * modules as the persistence test-jar.
 */
package im.satellite.persistence.testkit;
