/**
 * Abuse limits of the MUC service: an occupant's message rate (a token bucket), wrong passwords per room and user,
 * and rooms created per user, each counted in a window; service admins are exempt.
 */
package im.satellite.muc.limits;
