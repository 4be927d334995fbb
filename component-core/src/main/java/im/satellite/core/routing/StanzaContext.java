package im.satellite.core.routing;

import im.satellite.core.Outbound;
import im.satellite.core.error.ErrorReplies;
import im.satellite.core.error.StanzaException;
import im.satellite.core.iq.IqTracker;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * What a handler gets besides the stanza: where to send, and bookkeeping that makes sure every IQ get/set receives
 * exactly one response (RFC 6120 §8.2.3; STYLE 7.3 rule 4). A handler that answers later (after an outbound IQ
 * completes, say) calls {@link #defer()} and answers through the returned {@link Responder}.
 */
public final class StanzaContext {
    private static final Logger log = LoggerFactory.getLogger(StanzaContext.class);

    private final String routeKey;
    private final JID service;
    private final Outbound out;
    private final IqTracker iqTracker;
    private final IQ request;
    private boolean replied;
    private boolean deferred;

    StanzaContext(String routeKey, JID service, Outbound out, IqTracker iqTracker, Packet in) {
        this.routeKey = Objects.requireNonNull(routeKey);
        this.service = Objects.requireNonNull(service);
        this.out = Objects.requireNonNull(out);
        this.iqTracker = iqTracker;
        this.request = in instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set) ? iq : null;
    }

    /** The route key the stanza matched, as in logs. */
    public String routeKey() {
        return routeKey;
    }

    /** The service's own JID (its domain). */
    public JID service() {
        return service;
    }

    public Outbound outbound() {
        return out;
    }

    public IqTracker iqTracker() {
        return iqTracker;
    }

    /** Sends a stanza. A second response to the request being handled is dropped and logged as a bug. */
    public void send(Packet p) {
        if (request != null && isResponseToRequest(p)) {
            if (replied) {
                log.error("{}: a second response to iq id={} was dropped", routeKey, request.getID());
                return;
            }
            replied = true;
        }
        out.send(p);
    }

    /** Answers the IQ being handled with an empty result. */
    public void result() {
        send(IQ.createResultIQ(request()));
    }

    /** Answers the IQ being handled with a result carrying {@code child}. */
    public void result(Element child) {
        IQ r = IQ.createResultIQ(request());
        r.setChildElement(child);
        send(r);
    }

    /** Promises a response later; the router then does not answer on the handler's behalf. */
    public Responder defer() {
        IQ req = request();
        deferred = true;
        return new Responder(req, out);
    }

    boolean answered() {
        return replied || deferred;
    }

    private IQ request() {
        if (request == null) {
            throw new IllegalStateException(routeKey + ": not an IQ get/set");
        }
        return request;
    }

    private boolean isResponseToRequest(Packet p) {
        if (!(p instanceof IQ iq) || iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set) {
            return false;
        }
        return Objects.equals(iq.getID(), request.getID()) && Objects.equals(iq.getTo(), request.getFrom());
    }

    /** Answers a deferred IQ exactly once, from any thread. */
    public static final class Responder {
        private final IQ request;
        private final Outbound out;
        private final AtomicBoolean done = new AtomicBoolean();

        Responder(IQ request, Outbound out) {
            this.request = request;
            this.out = out;
        }

        public IQ request() {
            return request;
        }

        /** Sends {@code response}; returns false (and sends nothing) if a response was already sent. */
        public boolean respond(Packet response) {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            out.send(response);
            return true;
        }

        public boolean result(Element child) {
            IQ r = IQ.createResultIQ(request);
            if (child != null) {
                r.setChildElement(child);
            }
            return respond(r);
        }

        public boolean error(StanzaException e) {
            return ErrorReplies.reply(request, e, request.getTo())
                    .map(this::respond).orElse(false);
        }
    }
}
