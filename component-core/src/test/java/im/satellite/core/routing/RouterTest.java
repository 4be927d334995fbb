package im.satellite.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.error.StanzaException;
import im.satellite.core.iq.IqTracker;
import im.satellite.core.testkit.CapturingOutbound;
import im.satellite.core.xml.Elements;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

class RouterTest {
    private static final JID SERVICE = new JID("muc.localhost");
    private static final JID USER = new JID("juliet@localhost/balcony");
    private final CapturingOutbound out = new CapturingOutbound();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final IqTracker tracker = new IqTracker(out, timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private Router router(Routes routes) {
        return new Router(SERVICE, routes, out, tracker);
    }

    private static IQ get(String to, String ns, String name) {
        IQ iq = new IQ(IQ.Type.get, "q1");
        iq.setFrom(USER);
        iq.setTo(to);
        iq.setChildElement(name, ns);
        return iq;
    }

    private static String condition(Packet p) {
        Element error = p.getElement().element("error");
        return error == null ? null : error.elements().get(0).getName();
    }

    @Test
    void unknownNamespaceIsServiceUnavailable() {
        router(Routes.builder().build()).route(get("muc.localhost", "urn:nothing", "query"));
        List<Packet> sent = out.drain();
        assertEquals(1, sent.size());
        assertEquals("service-unavailable", condition(sent.get(0)));
        assertEquals(USER, sent.get(0).getTo());
        assertEquals(SERVICE, sent.get(0).getFrom());
        assertEquals("q1", sent.get(0).getID());
    }

    @Test
    void knownNamespaceOtherChildIsFeatureNotImplemented() {
        Routes r = Routes.builder().iq(IQ.Type.get, Addressing.HOST, "urn:x", "query", (iq, ctx) -> ctx.result()).build();
        router(r).route(get("muc.localhost", "urn:x", "other"));
        assertEquals("feature-not-implemented", condition(out.drain().get(0)));
        router(r).route(get("room@muc.localhost", "urn:x", "query"));
        assertEquals("service-unavailable", condition(out.drain().get(0)),
                "a namespace handled at another addressing does not count");
    }

    @Test
    void routesByTypeAddressingAndChild() {
        Routes r = Routes.builder()
                .iq(IQ.Type.get, Addressing.BARE, "urn:x", "query", (iq, ctx) -> ctx.result(Elements.create("query", "urn:bare")))
                .iq(IQ.Type.get, Addressing.HOST, "urn:x", "query", (iq, ctx) -> ctx.result(Elements.create("query", "urn:host")))
                .build();
        router(r).route(get("room@muc.localhost", "urn:x", "query"));
        router(r).route(get("muc.localhost", "urn:x", "query"));
        List<Packet> sent = out.drain();
        assertEquals("urn:bare", ((IQ) sent.get(0)).getChildElement().getNamespaceURI());
        assertEquals("urn:host", ((IQ) sent.get(1)).getChildElement().getNamespaceURI());
    }

    @Test
    void catchAllIqRouteTakesWhatNoExactRouteTakes() {
        Routes r = Routes.builder()
                .iq(IQ.Type.get, Addressing.FULL, "urn:exact", "query", (iq, ctx) -> ctx.result(Elements.create("exact", "urn:x")))
                .iqAny(IQ.Type.get, Addressing.FULL, (iq, ctx) -> ctx.result(Elements.create("any", "urn:x")))
                .build();
        router(r).route(get("room@muc.localhost/nick", "urn:exact", "query"));
        router(r).route(get("room@muc.localhost/nick", "urn:whatever", "thing"));
        router(r).route(get("room@muc.localhost", "urn:whatever", "thing"));
        List<Packet> sent = out.drain();
        assertEquals("exact", ((IQ) sent.get(0)).getChildElement().getName());
        assertEquals("any", ((IQ) sent.get(1)).getChildElement().getName());
        assertEquals("service-unavailable", condition(sent.get(2)), "only at the addressing it was registered for");
    }

    @Test
    void stanzaExceptionBecomesErrorReplyWithBy() {
        Routes r = Routes.builder().iq(IQ.Type.get, Addressing.BARE, "urn:x", "query", (iq, ctx) -> {
            throw new StanzaException(PacketError.Condition.forbidden, "nope");
        }).build();
        router(r).route(get("room@muc.localhost", "urn:x", "query"));
        Packet reply = out.drain().get(0);
        assertEquals("forbidden", condition(reply));
        assertEquals("auth", reply.getElement().element("error").attributeValue("type"));
        assertEquals("room@muc.localhost", reply.getElement().element("error").attributeValue("by"));
        assertEquals("nope", reply.getElement().element("error").elementText("text"));
        assertEquals(1, reply.getElement().elements().size(), "an IQ error carries only the <error/>");
        assertEquals("error", reply.getElement().attributeValue("type"));
    }

    @Test
    void handlerThatDoesNotAnswerYieldsExactlyOneInternalServerError() {
        Routes r = Routes.builder().iq(IQ.Type.set, Addressing.HOST, "urn:x", "query", (iq, ctx) -> { }).build();
        IQ set = get("muc.localhost", "urn:x", "query");
        set.setType(IQ.Type.set);
        router(r).route(set);
        List<Packet> sent = out.drain();
        assertEquals(1, sent.size());
        assertEquals("internal-server-error", condition(sent.get(0)));
        assertEquals("wait", sent.get(0).getElement().element("error").attributeValue("type"));
    }

    @Test
    void runtimeExceptionYieldsInternalServerError() {
        Routes r = Routes.builder().iq(IQ.Type.get, Addressing.HOST, "urn:x", "query", (iq, ctx) -> {
            throw new IllegalStateException("boom");
        }).build();
        router(r).route(get("muc.localhost", "urn:x", "query"));
        assertEquals("internal-server-error", condition(out.drain().get(0)));
    }

    @Test
    void secondResponseIsDropped() {
        Routes r = Routes.builder().iq(IQ.Type.get, Addressing.HOST, "urn:x", "query", (iq, ctx) -> {
            ctx.result();
            ctx.result();
        }).build();
        router(r).route(get("muc.localhost", "urn:x", "query"));
        assertEquals(1, out.drain().size());
    }

    @Test
    void deferredResponseIsNotAnsweredByTheRouter() {
        StanzaContext.Responder[] later = new StanzaContext.Responder[1];
        Routes r = Routes.builder().iq(IQ.Type.get, Addressing.HOST, "urn:x", "query", (iq, ctx) -> later[0] = ctx.defer()).build();
        router(r).route(get("muc.localhost", "urn:x", "query"));
        assertTrue(out.drain().isEmpty());
        assertTrue(later[0].result(null));
        assertEquals(IQ.Type.result, ((IQ) out.drain().get(0)).getType());
        assertTrue(!later[0].result(null), "a deferred IQ is answered once");
    }

    @Test
    void aHandlerThatDefersThenFailsStillAnswersOnce() {
        Routes r = Routes.builder().iq(IQ.Type.set, Addressing.HOST, "urn:x", "query", (iq, ctx) -> {
            ctx.defer();
            throw new StanzaException(PacketError.Condition.not_allowed, "changed my mind");
        }).build();
        IQ set = get("muc.localhost", "urn:x", "query");
        set.setType(IQ.Type.set);
        router(r).route(set);
        List<Packet> sent = out.drain();
        assertEquals(1, sent.size());
        assertEquals("not-allowed", condition(sent.get(0)));
    }

    @Test
    void aResponseThroughTheContextsOutboundCountsAsTheResponse() {
        Routes r = Routes.builder().iq(IQ.Type.get, Addressing.HOST, "urn:x", "query",
                (iq, ctx) -> ctx.outbound().send(IQ.createResultIQ(iq))).build();
        router(r).route(get("muc.localhost", "urn:x", "query"));
        List<Packet> sent = out.drain();
        assertEquals(1, sent.size(), "no internal-server-error after a response sent through outbound()");
        assertEquals(IQ.Type.result, ((IQ) sent.get(0)).getType());
    }

    @Test
    void errorStanzasAreNeverAnswered() {
        Message m = new Message();
        m.setType(Message.Type.error);
        m.setFrom(USER);
        m.setTo("nobody@muc.localhost");
        router(Routes.builder().build()).route(m);
        IQ err = get("muc.localhost", "urn:nothing", "query");
        err.setType(IQ.Type.error);
        router(Routes.builder().build()).route(err);
        assertTrue(out.drain().isEmpty());
    }

    @Test
    void unroutedMessageGetsServiceUnavailableFromTheAddressee() {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setFrom(USER);
        m.setTo("nobody@muc.localhost");
        m.setBody("hi");
        router(Routes.builder().build()).route(m);
        Packet reply = out.drain().get(0);
        assertEquals("service-unavailable", condition(reply));
        assertEquals(new JID("nobody@muc.localhost"), reply.getFrom());
        assertEquals("hi", ((Message) reply).getBody(), "the original payload is returned");
    }

    @Test
    void resultsCompleteTrackedRequestsOnlyFromTheAddressee() throws Exception {
        IQ ping = new IQ(IQ.Type.get);
        ping.setFrom(SERVICE);
        ping.setTo(USER);
        ping.setChildElement("ping", "urn:xmpp:ping");
        CompletableFuture<IQ> f = tracker.send(ping, Duration.ofSeconds(5));
        out.drain();
        IQ forged = IQ.createResultIQ(ping);
        forged.setFrom("mallory@localhost/x");
        router(Routes.builder().build()).route(forged);
        assertTrue(!f.isDone(), "a result from someone else does not complete the request");
        router(Routes.builder().build()).route(IQ.createResultIQ(ping));
        assertEquals(IQ.Type.result, f.get().getType());
        assertTrue(out.drain().isEmpty(), "results are never answered");
    }
}
