package im.satellite.muc.room;

import im.satellite.core.Outbound;
import im.satellite.muc.event.RoomHooks;
import im.satellite.core.exec.KeyedSerialExecutor;
import im.satellite.muc.store.ArchiveStore;
import im.satellite.muc.store.ArchiveWriter;
import im.satellite.muc.store.RoomStore;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What every room shares with the service: the hook bus, where stanzas go, the clock, the store, the service
 * admins (owners of every room, lower-cased bare JIDs), the history length, how a room leaves the registry, and the
 * occupant ids.
 *
 * @param hooks      the features' hooks
 * @param out        outbound stanzas
 * @param clock      the clock
 * @param store      the room store
 * @param admins     service admins' bare JIDs
 * @param historyLength messages kept per room
 * @param onGone     called (on the room's lane) when a room is destroyed or a temporary room empties
 * @param occupantIds the XEP-0421 occupant ids, keyed with the service's stored secret
 * @param archive    the room archives (XEP-0313), read on room lanes
 * @param writer     the archive writer (group commit) rooms hand their archived messages to
 * @param lanes      the lanes, for work handed back to a room (the writer's commit reports)
 */
public record RoomServices(RoomHooks hooks, Outbound out, Clock clock, RoomStore store, Set<String> admins,
                           int historyLength, Consumer<Room> onGone, OccupantIds occupantIds, ArchiveStore archive,
                           ArchiveWriter writer, KeyedSerialExecutor lanes) {
}
