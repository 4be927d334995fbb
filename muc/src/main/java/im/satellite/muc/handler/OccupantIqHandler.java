package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.room.Nicks;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * IQ get/set to occupant JIDs (XEP-0045 §17.4 "IQ" business rules, §6.7 querying a room occupant): the request is
 * forwarded to the addressee's real JID (its primary session; {@code vcard-temp} to its bare JID, where the server
 * keeps the vCard) from the sender's occupant JID with a fresh id, and the response goes back to the requester from
 * the occupant JID it addressed, with the original id. Neither side learns the other's real JID (§17.4 rule 3).
 * Correlation and the timeout are the runtime's {@code IqTracker}'s. A non-occupant gets {@code not-acceptable}
 * ({@code bad-request} for disco, §6.7), an unknown nick {@code item-not-found}. XEP-0410 self-ping optimisation
 * (§3.3, advertised in the room's disco#info): a session pinging its own occupant JID gets a result from the room
 * itself, without a round trip to a client; a ping from a session that is not joined gets {@code not-acceptable},
 * even when the room does not exist or is locked.
 */
public final class OccupantIqHandler {
    private static final Logger log = LoggerFactory.getLogger(OccupantIqHandler.class);

    private final RoomRegistry registry;
    private final Duration timeout;

    public OccupantIqHandler(RoomRegistry registry, Duration timeout) {
        this.registry = registry;
        this.timeout = timeout;
    }

    /** An IQ get or set to {@code room@service/nick}. */
    public void toOccupant(IQ iq, StanzaContext ctx) {
        JID from = iq.getFrom();
        String ns = iq.getChildElement().getNamespaceURI();
        boolean disco = Namespaces.DISCO_INFO.equals(ns) || Namespaces.DISCO_ITEMS.equals(ns);
        boolean ping = Namespaces.PING.equals(ns) && iq.getType() == IQ.Type.get;
        Room room = registry.find(iq.getTo()).orElse(null);
        Occupant sender = room == null || from == null ? null : room.occupantBySession(from);
        if (sender == null) {
            if (ping) {
                // XEP-0410 §3.3: a self-ping from a client that is not joined (whatever the nick, even if the room
                // is gone or locked) is not-acceptable, so that the client re-joins.
                throw new StanzaException(PacketError.Condition.not_acceptable, "you are not joined to this room");
            }
            if (room == null || room.locked()) {
                throw new StanzaException(PacketError.Condition.item_not_found, "no such room");
            }
            throw new StanzaException(disco ? PacketError.Condition.bad_request : PacketError.Condition.not_acceptable,
                    "you are not an occupant of this room");
        }
        String nick = Nicks.lookup(iq.getTo().getResource());
        Occupant target = room.occupant(nick);
        if (target == null) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no such occupant");
        }
        if (target == sender && ping) {
            // XEP-0410 §3.3 self-ping optimisation: the room answers for the joined session itself.
            ctx.result();
            return;
        }
        IQ fwd = iq.createCopy();
        fwd.setID(null);
        fwd.setFrom(room.occupantJid(sender.nick()));
        fwd.setTo("vcard-temp".equals(ns) ? target.bareJid() : target.primary());
        JID occupantJid = iq.getTo();
        StanzaContext.Responder responder = ctx.defer();
        ctx.iqTracker().send(fwd, timeout).whenComplete((response, failure) -> {
            if (failure != null) {
                log.debug("No response from {} to a forwarded iq: {}", occupantJid, failure.toString());
                boolean timedOut = failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException;
                responder.error(new StanzaException(timedOut ? PacketError.Condition.recipient_unavailable
                        : PacketError.Condition.internal_server_error, "the occupant did not answer"));
                return;
            }
            IQ back = response.createCopy();
            back.setID(iq.getID());
            back.setFrom(occupantJid);
            back.setTo(from);
            stripBy(back);
            responder.respond(back);
        });
    }

    /** An error from the occupant's server names the real JID in {@code by}; it must not reach the requester. */
    private static void stripBy(IQ back) {
        Element error = back.getElement().element("error");
        if (error != null && error.attribute("by") != null) {
            error.remove(error.attribute("by"));
        }
    }
}
