/**
 * Storage infrastructure shared by the Satellite services: {@link im.satellite.persistence.Database} opens a
 * HikariCP pool over SQLite (WAL journal, {@code synchronous=NORMAL}, a busy timeout, foreign keys and
 * {@code BEGIN IMMEDIATE} write transactions on every connection) or over PostgreSQL; it runs each service's own
 * Flyway migrations against a per-service history table; and {@link im.satellite.persistence.Jdbc} offers small
 * lambda-based query, update, batch and transaction helpers that report failures as the unchecked
 * {@link im.satellite.persistence.DataAccessException}. The package implements no XEP and knows nothing of the
 * services' schemas: each service keeps its migrations under {@code db/<service>} and its SQL in its own
 * {@code …Store} classes (STYLE 7.1).
 */
package im.satellite.persistence;
