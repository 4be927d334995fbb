package im.satellite.muc.room;

/**
 * What the service's disco#items (XEP-0045 §6.3) shows of a room: an immutable snapshot published by the room's lane
 * so the host lane can list rooms without touching room state.
 *
 * @param jid     the room's bare JID
 * @param name    its natural-language name, or null
 * @param listed  whether it is public and unlocked (hidden rooms are never listed)
 */
public record RoomListing(String jid, String name, boolean listed) {
}
