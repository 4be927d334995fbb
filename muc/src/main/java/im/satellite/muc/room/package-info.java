/**
 * The room core (XEP-0045 §5, §7, §9, §10): rooms, occupants, roles and affiliations, typed room state
 * ({@link im.satellite.muc.room.RoomKey}), history (§7.2.15, in memory or from the XEP-0313 archive:
 * {@link im.satellite.muc.room.RoomArchive}), the ordered output with its group commit
 * ({@link im.satellite.muc.room.RoomOutbox}) and the lazily loading registry. A room's state is touched only on its
 * lane.
 */
package im.satellite.muc.room;
