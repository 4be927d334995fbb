package im.satellite.muc.room;

import java.util.Set;
import java.util.TreeSet;
import org.dom4j.Element;

/**
 * What an occupant presence carries besides the occupant's own presence (XEP-0045 §7, §9): whether it is
 * unavailable, status codes for everyone and for the occupant itself, a new nick (303), an actor and reason (kick,
 * ban), a destroy element (§10.9).
 *
 * @param unavailable whether the presence is of type unavailable
 * @param codes       status codes for every recipient
 * @param selfCodes   extra status codes for the occupant's own sessions (110 is always added there)
 * @param newNick     the item's nick attribute (nick change), or null
 * @param actor       the nick of the moderator who acted, or null
 * @param reason      the reason given, or null
 * @param destroy     a {@code <destroy/>} element, or null
 */
public record Notice(boolean unavailable, Set<Integer> codes, Set<Integer> selfCodes, String newNick, String actor,
                     String reason, Element destroy) {
    public Notice {
        codes = new TreeSet<>(codes);
        selfCodes = new TreeSet<>(selfCodes);
    }

    public static Notice available(Integer... selfCodes) {
        return new Notice(false, Set.of(), Set.of(selfCodes), null, null, null, null);
    }

    public static Notice leaving(Integer... codes) {
        return new Notice(true, Set.of(codes), Set.of(), null, null, null, null);
    }

    public Notice withActor(String actorNick, String why) {
        return new Notice(unavailable, codes, selfCodes, newNick, actorNick, why, destroy);
    }

    public Notice withNewNick(String nick) {
        return new Notice(unavailable, codes, selfCodes, nick, actor, reason, destroy);
    }

    public Notice withDestroy(Element d) {
        return new Notice(unavailable, codes, selfCodes, newNick, actor, reason, d);
    }
}
