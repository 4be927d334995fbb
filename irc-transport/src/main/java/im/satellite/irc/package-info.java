/**
 * The IRC gateway service (XEP-0100 gateway, channels as XEP-0045 rooms): the factory read by {@code dist}, its
 * settings, and the service that wires routes, policy, storage and the bridge together.
 */
package im.satellite.irc;
