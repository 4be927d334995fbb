/**
 * A small XEP-0050 ad-hoc command framework: {@link im.satellite.core.adhoc.AdHocCommand} is one command,
 * {@link im.satellite.core.adhoc.AdHocCommands} answers the commands node in disco, runs the stages, keeps the
 * sessions (bounded, expiring) and reports XEP-0050's errors.
 */
package im.satellite.core.adhoc;
