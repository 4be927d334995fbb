package im.satellite.core.routing;

import im.satellite.core.Outbound;
import im.satellite.core.error.ErrorReplies;
import im.satellite.core.error.StanzaException;
import im.satellite.core.iq.IqTracker;
import java.util.Objects;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Classifies each stanza by kind, type, addressing and (for IQs) child element, and calls its route (STYLE 7.3).
 * Runs on the addressee's lane. The rules:
 * <ol>
 * <li>IQ results and errors go to the {@link IqTracker}.</li>
 * <li>An IQ get/set goes to its exact route, else to the catch-all route of its type and addressing, if any.</li>
 * <li>An IQ get/set with no route gets {@code service-unavailable} when nothing at that addressing handles its
 * namespace (RFC 6120 §8.4), {@code feature-not-implemented} when something does but not this type or child.</li>
 * <li>A stanza of type error is never answered.</li>
 * <li>Every IQ get/set gets exactly one response: a handler that neither answers nor defers gets
 * {@code internal-server-error} sent on its behalf, and the bug is logged.</li>
 * <li>A {@link StanzaException} becomes its error reply with {@code by} set to the addressed entity; any other
 * exception becomes {@code wait/internal-server-error} and a log line with the route key and stanza id.</li>
 * </ol>
 * Messages and presences without a route go to the service's fallbacks; by default a message is answered with
 * {@code service-unavailable} and a presence is ignored.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final JID service;
    private final Routes routes;
    private final Outbound out;
    private final IqTracker iqTracker;
    private final StanzaHandler<Message> unroutedMessage;
    private final StanzaHandler<Presence> unroutedPresence;

    public Router(JID service, Routes routes, Outbound out, IqTracker iqTracker) {
        this(service, routes, out, iqTracker, null, null);
    }

    /** A router with the service's fallbacks for unrouted messages and presences; null keeps the default. */
    public Router(JID service, Routes routes, Outbound out, IqTracker iqTracker,
                  StanzaHandler<Message> unroutedMessage, StanzaHandler<Presence> unroutedPresence) {
        this.service = Objects.requireNonNull(service);
        this.routes = Objects.requireNonNull(routes);
        this.out = Objects.requireNonNull(out);
        this.iqTracker = Objects.requireNonNull(iqTracker);
        this.unroutedMessage = unroutedMessage != null ? unroutedMessage : Router::serviceUnavailable;
        this.unroutedPresence = unroutedPresence != null ? unroutedPresence : (p, ctx) -> { };
    }

    /** Builds the Tinder packet for a first-level element, or null for an element that is no stanza. */
    public static Packet toPacket(Element e) {
        return switch (e.getName()) {
            case "iq" -> new IQ(e, true);
            case "message" -> new Message(e, true);
            case "presence" -> new Presence(e, true);
            default -> null;
        };
    }

    public void route(Packet in) {
        Addressing a = Addressing.of(in.getTo());
        if (in instanceof IQ iq) {
            if (!validIqType(iq)) {
                return;
            }
            routeIq(iq, a);
        } else if (in instanceof Message m) {
            String key = Routes.messageKey(a);
            StanzaHandler<Message> h = routes.message(key);
            invoke(key, in, h != null ? h : unroutedMessage);
        } else if (in instanceof Presence p) {
            String key = Routes.presenceKey(a);
            StanzaHandler<Presence> h = routes.presence(key);
            invoke(key, in, h != null ? h : unroutedPresence);
        }
    }

    /** RFC 6120 §8.2.3: an IQ type other than get, set, result or error is a bad request (if it can be answered). */
    private boolean validIqType(IQ iq) {
        String type = iq.getElement().attributeValue("type");
        if ("get".equals(type) || "set".equals(type) || "result".equals(type) || "error".equals(type)) {
            return true;
        }
        if (iq.getFrom() != null && iq.getTo() != null) {
            IQ reply = new IQ(IQ.Type.error, iq.getID());
            reply.setFrom(iq.getTo());
            reply.setTo(iq.getFrom());
            reply.getElement().add(ErrorReplies.errorElement(PacketError.Condition.bad_request.toXMPP(),
                    PacketError.Type.modify, "an iq needs type get, set, result or error", iq.getTo()));
            out.send(reply);
        }
        return false;
    }

    private void routeIq(IQ iq, Addressing a) {
        IQ.Type type = iq.getType();
        if (type == IQ.Type.result || type == IQ.Type.error) {
            if (!iqTracker.complete(iq)) {
                log.debug("Unexpected iq-{} id={} from {}", type, iq.getID(), iq.getFrom());
            }
            return;
        }
        Element child = iq.getChildElement();
        if (type == null || child == null) {
            reply(iq, new StanzaException(PacketError.Condition.bad_request, "an iq get/set needs one child element"));
            return;
        }
        String ns = child.getNamespaceURI();
        String key = Routes.iqKey(type, a, ns, child.getName());
        StanzaHandler<IQ> h = routes.iq(key);
        if (h == null) {
            String any = Routes.iqAnyKey(type, a);
            h = routes.iq(any);
            key = h == null ? key : any;
        }
        if (h == null) {
            reply(iq, new StanzaException(routes.handlesNamespace(a, ns)
                    ? PacketError.Condition.feature_not_implemented : PacketError.Condition.service_unavailable));
            return;
        }
        StanzaContext ctx = invoke(key, iq, h);
        if (!ctx.answered()) {
            log.error("{}: handler returned without answering iq id={}; sent internal-server-error", key, iq.getID());
            ErrorReplies.reply(iq, PacketError.Condition.internal_server_error.toXMPP(), PacketError.Type.wait,
                    null, iq.getTo()).ifPresent(ctx::send);
        }
    }

    @SuppressWarnings("unchecked")
    private <P extends Packet> StanzaContext invoke(String key, Packet in, StanzaHandler<P> h) {
        StanzaContext ctx = new StanzaContext(key, service, out, iqTracker, in);
        try {
            h.handle((P) in, ctx);
        } catch (StanzaException e) {
            answerFailure(ctx, in, e);
        } catch (RuntimeException | StackOverflowError e) {
            log.warn("{}: handler failed on stanza id={}: {}", key, in.getID(), e.toString());
            log.debug("Stack trace", e);
            answerFailure(ctx, in, new StanzaException(PacketError.Condition.internal_server_error.toXMPP(),
                    PacketError.Type.wait, null));
        }
        return ctx;
    }

    /** The error reply, unless already answered; a deferred IQ is answered through its responder (if still open). */
    private static void answerFailure(StanzaContext ctx, Packet in, StanzaException e) {
        if (!ctx.answered()) {
            ErrorReplies.reply(in, e, in.getTo()).ifPresent(ctx::send);
        } else if (ctx.responder() != null) {
            ctx.responder().error(e);
        }
    }

    private void reply(IQ iq, StanzaException e) {
        ErrorReplies.reply(iq, e, iq.getTo()).ifPresent(out::send);
    }

    /** RFC 6120 §8.3.3.19 / §10.5: nothing here receives messages. */
    private static void serviceUnavailable(Message m, StanzaContext ctx) {
        throw new StanzaException(PacketError.Condition.service_unavailable);
    }
}
