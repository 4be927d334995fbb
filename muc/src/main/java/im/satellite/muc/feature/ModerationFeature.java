package im.satellite.muc.feature;

import im.satellite.muc.element.MucNs;
import im.satellite.muc.event.RoomHooks;

/**
 * XEP-0425 moderated message retraction: rooms advertise {@code urn:xmpp:message-moderate:1} (§2); the request is
 * handled by {@code ModerationHandler}.
 */
public final class ModerationFeature implements RoomFeature {
    @Override
    public String name() {
        return "moderation";
    }

    @Override
    public void register(RoomHooks on) {
        on.discoInfo(e -> e.feature(MucNs.MODERATE));
    }
}
