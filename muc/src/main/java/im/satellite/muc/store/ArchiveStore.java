package im.satellite.muc.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Room archives (XEP-0313 §4.1.2 "MUC archives"): the groupchat messages a room broadcast, each under its XEP-0359
 * stanza id, in broadcast order. Appends come from the single archive writer ({@link ArchiveWriter}); reads from room
 * lanes. Implementations are thread-safe.
 */
public interface ArchiveStore {

    /**
     * One archived message.
     *
     * @param room   the room's bare JID (lower case)
     * @param id     the stanza id, also the archive id
     * @param stamp  when the room broadcast it
     * @param nick   the author's nick (or empty for the room itself)
     * @param sender the author's bare real JID, or null for the room itself
     * @param body   whether it is discussion history (has a body, not moderated)
     * @param stanza the message as broadcast, without {@code to}
     */
    record Row(String room, String id, Instant stamp, String nick, String sender, boolean body, String stanza) {
    }

    /** A row and its position in the archive (larger is later). */
    record Stored(long seq, Row row) {
    }

    /**
     * The filters of a MAM query (XEP-0313 §4.1); null means "not given". {@code afterSeq}/{@code beforeSeq} are
     * exclusive bounds (from after-id/before-id and RSM after/before).
     */
    record Filter(String room, Instant start, Instant end, String nick, String sender, Long afterSeq, Long beforeSeq,
                  List<String> ids) {
        public Filter bounded(Long after, Long before) {
            return new Filter(room, start, end, nick, sender, max(afterSeq, after), min(beforeSeq, before), ids);
        }

        private static Long max(Long a, Long b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return Long.valueOf(Math.max(a, b));
        }

        private static Long min(Long a, Long b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return Long.valueOf(Math.min(a, b));
        }
    }

    /** Appends rows in one transaction, in list order. */
    void append(List<Row> rows);

    /** The position of a message, if archived. */
    Optional<Long> seq(String room, String id);

    /** At most {@code limit} matching rows: the first ones, or the last ones when {@code last}; oldest first. */
    List<Stored> page(Filter f, int limit, boolean last);

    /** How many rows match. */
    long count(Filter f);

    /** The latest discussion-history rows (with a body) stamped at or after {@code notBefore}, newest first. */
    List<Row> recent(String room, Instant notBefore, int max);

    /** Replaces an archived message with a tombstone (it stops being history); false if there was none. */
    boolean retract(String room, String id, String tombstone);

    /** Forgets a room's archive (room destroyed). */
    void deleteRoom(String room);

    /**
     * Deletes the archives of the rooms of {@code domain} that are not in the room store: temporary rooms, which a
     * restart or a crash ended without deleting their archive. Returns how many rows.
     */
    int deleteUnstored(String domain);

    /** Deletes every row stamped before {@code before}; returns how many. */
    int purge(Instant before);
}
