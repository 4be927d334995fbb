/**
 * The service admins' XEP-0050 ad-hoc commands on the MUC service's JID: list rooms, destroy a room, set a room's
 * owner, announce to every occupied room. They run on the host lane; work on a room is queued on that room's lane.
 */
package im.satellite.muc.admin;
