package im.satellite.muc.room;

import java.time.Instant;
import java.util.List;
import org.xmpp.packet.Message;

/**
 * A room's discussion history (XEP-0045 §7.2.15). The in-memory buffer is the default; an archive (XEP-0313) can
 * back it instead without the room knowing.
 */
public interface RoomHistory {

    /** Records a message as broadcast (from {@code room/nick}) at {@code at}. */
    void add(Message broadcast, Instant at);

    /** The entries matching a join's {@code <history/>} limits, oldest first. */
    List<Entry> select(Request request, Instant now);

    /**
     * XEP-0425: replaces the message with this XEP-0359 stanza id by {@code tombstone} (the archive) or forgets it
     * (memory); false when it is unknown.
     */
    boolean retract(String stanzaId, org.dom4j.Element tombstone);

    /** Forgets everything (room destroyed). */
    void clear();

    /** One stored message and when it was sent. */
    record Entry(Message message, Instant at, int chars) {
    }

    /**
     * The limits of XEP-0045 §7.2.15; null means "not given". {@code maxchars} counts the characters of the XML of
     * the stanzas sent.
     */
    record Request(Integer maxchars, Integer maxstanzas, Long seconds, Instant since) {
        public static final Request ALL = new Request(null, null, null, null);
    }
}
