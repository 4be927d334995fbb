package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Affiliation;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §10.1.1: a new room is locked until its owner submits the configuration form (instant or reserved room);
 * meanwhile everybody else is refused with item-not-found.
 */
public final class LockFeature implements RoomFeature {
    @Override
    public String name() {
        return "lock";
    }

    @Override
    public void register(RoomHooks on) {
        on.preJoin(100, e -> e.room().locked() && e.affiliation() != Affiliation.OWNER
                ? HookResult.reject(PacketError.Condition.item_not_found, "the room is locked until configured")
                : HookResult.CONTINUE);
    }
}
