package im.satellite.proxy.xmpp;

import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.proxy.AccessPolicy;
import im.satellite.proxy.relay.PendingStreams;
import im.satellite.proxy.relay.RelayPair;
import im.satellite.proxy.relay.RelayStats;
import im.satellite.proxy.relay.TransferLimits;
import im.satellite.proxy.socks5.StreamHash;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError.Condition;
import org.xmpp.packet.PacketError.Type;

/**
 * The bytestreams IQs a proxy answers (XEP-0065 §6.3.1 network address, §6.3.6 activation). Runs on the service's
 * host lane; the only state it shares with the event loops is {@link PendingStreams}.
 */
public final class BytestreamsHandler {
    private static final Logger log = LoggerFactory.getLogger(BytestreamsHandler.class);
    private static final String NS = "http://jabber.org/protocol/bytestreams";

    private final JID service;
    private final List<String> hosts;
    private final int port;
    private final AccessPolicy policy;
    private final PendingStreams pending;
    private final TransferLimits limits;
    private final RelayStats stats;
    private final Duration idleTimeout;
    private final boolean samePairLoop;

    public BytestreamsHandler(JID service, List<String> hosts, int port, AccessPolicy policy, PendingStreams pending,
                              TransferLimits limits, RelayStats stats, Duration idleTimeout,
                              boolean samePairLoop) {
        this.service = Objects.requireNonNull(service);
        this.hosts = List.copyOf(hosts);
        this.port = port;
        this.policy = Objects.requireNonNull(policy);
        this.pending = Objects.requireNonNull(pending);
        this.limits = Objects.requireNonNull(limits);
        this.stats = Objects.requireNonNull(stats);
        this.idleTimeout = Objects.requireNonNull(idleTimeout);
        this.samePairLoop = samePairLoop;
    }

    /** §6.3.1: one {@code <streamhost/>} per advertised host (e.g. an IPv4 and an IPv6 address). */
    public void streamhost(IQ iq, StanzaContext ctx) {
        checkAllowed(iq);
        Element q = Elements.create("query", NS);
        String sid = iq.getChildElement().attributeValue("sid");
        if (sid != null) {
            // Before XEP-0065 1.8 the query carried a sid; echo it as older proxies do.
            q.addAttribute("sid", sid);
        }
        for (String host : hosts) {
            q.addElement("streamhost").addAttribute("jid", service.toString()).addAttribute("host", host)
                    .addAttribute("port", Integer.toString(port));
        }
        ctx.result(q);
    }

    /**
     * §6.3.6: hash SID + requester (the IQ's {@code from}) + target, and start relaying the two connections that
     * sent that hash. The result is sent only once both relays are installed.
     */
    public void activate(IQ iq, StanzaContext ctx) {
        checkAllowed(iq);
        Element q = iq.getChildElement();
        String sid = q.attributeValue("sid");
        Optional<String> to = Elements.childText(q, "activate");
        if (sid == null || sid.isEmpty() || to.isEmpty()) {
            throw new StanzaException(Condition.bad_request, "a sid and an <activate/> target are required");
        }
        JID target;
        try {
            // Structure only: full stringprep (libidn, Unicode 3.2) would refuse resources that servers route,
            // e.g. with emoji. The hash takes the addresses exactly as the server delivered them.
            target = new JID(to.get(), true);
            String domain = target.getDomain();
            if (domain == null || domain.isEmpty() || domain.indexOf('@') >= 0 || "".equals(target.getNode())) {
                throw new IllegalArgumentException("bad structure");
            }
        } catch (IllegalArgumentException e) {
            throw new StanzaException(Condition.jid_malformed, "the <activate/> target is not a JID");
        }
        String requester = iq.getElement().attributeValue("from");
        StreamHash hash = StreamHash.of(sid, requester, to.get());
        PendingStreams.Claim claim = pending.claim(hash);
        if (claim instanceof PendingStreams.Claim.Pair pair) {
            start(iq, ctx, hash, pair, target);
            return;
        }
        log.debug("Activation of {} by {} failed: {}", hash.shortForm(), requester, claim);
        // §6.3.6's conditions: item-not-found if the 'from' address does not match the requester whose JID was
        // hashed (no connection has this hash), not-allowed if only one party is connected.
        if (claim instanceof PendingStreams.Claim.OneSide) {
            throw new StanzaException(Condition.not_allowed, "only one party is connected to the proxy");
        }
        if (claim instanceof PendingStreams.Claim.AlreadyActive) {
            throw new StanzaException(Condition.not_allowed, "this bytestream is already activated");
        }
        throw new StanzaException(Condition.item_not_found,
                "no bytestream with this sid, requester and target is waiting");
    }

    private void start(IQ iq, StanzaContext ctx, StreamHash hash, PendingStreams.Claim.Pair pair, JID target) {
        String user = iq.getFrom().toBareJID();
        Optional<String> refused = limits.tryAcquire(user);
        if (refused.isPresent()) {
            log.info("Transfer {} for {} refused: {}", hash.shortForm(), user, refused.get());
            stats.refused();
            pair.first().close();
            pair.second().close();
            pending.release(hash);
            throw new StanzaException(Condition.resource_constraint, Type.wait, refused.get());
        }
        RelayPair relay = new RelayPair(hash, iq.getFrom().toString(), target.toString(), pair.first(),
                pair.second(), limits, stats, idleTimeout, samePairLoop, () -> {
                    limits.release(user);
                    pending.release(hash);
                });
        StanzaContext.Responder responder = ctx.defer();
        relay.start().whenComplete((v, e) -> {
            if (e == null) {
                log.debug("Transfer {} activated by {}", hash.shortForm(), iq.getFrom());
                responder.result(null);
            } else {
                responder.error(new StanzaException(Condition.not_allowed, "a party left the proxy before activation"));
            }
        });
    }

    /** §6.3.1: a requester without permission to use the proxy gets forbidden. */
    private void checkAllowed(IQ iq) {
        if (!policy.allows(iq.getFrom())) {
            log.info("Denying use of the proxy to {}", iq.getFrom());
            throw new StanzaException(Condition.forbidden, Type.auth, "you may not use this proxy");
        }
    }
}
