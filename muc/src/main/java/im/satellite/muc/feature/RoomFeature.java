package im.satellite.muc.feature;

import im.satellite.muc.event.RoomHooks;

/** One room feature (STYLE 7.4): registers its hooks on the room event bus; its state lives under its own keys. */
public interface RoomFeature {
    /** The feature's name in config and logs, e.g. {@code password}. */
    String name();

    void register(RoomHooks on);
}
