/**
 * Storage of persistent rooms (XEP-0045 §10.1.3): {@link im.satellite.muc.store.RoomStore} and its SQL
 * implementation; options are key/value rows (STYLE 7.4) so features add state without migrations. Room archives
 * (XEP-0313): {@link im.satellite.muc.store.ArchiveStore}, its SQL implementation and the group-commit
 * {@link im.satellite.muc.store.ArchiveWriter}. Migrations live under {@code db/muc}.
 */
package im.satellite.muc.store;
