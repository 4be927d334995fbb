/**
 * Storage of per-user, per-network IRC settings (the XEP-0050 configuration command's data), with passwords sealed
 * by AES-GCM under a key from the configuration.
 */
package im.satellite.irc.store;
