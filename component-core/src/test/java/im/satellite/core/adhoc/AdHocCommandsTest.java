package im.satellite.core.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import im.satellite.core.iq.IqTracker;
import im.satellite.core.routing.Addressing;
import im.satellite.core.routing.Router;
import im.satellite.core.routing.Routes;
import im.satellite.core.testkit.CapturingOutbound;
import im.satellite.core.testkit.ManualClock;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/** XEP-0050 through {@link AdHocCommands}: listing per requester, stages, actions, cancel, expiry and errors. */
class AdHocCommandsTest {
    private static final String ADMIN = "admin@localhost/a";
    private static final String USER = "user@localhost/u";
    private final CapturingOutbound out = new CapturingOutbound();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private CompletableFuture<AdHocStage> pending;

    /** Two stages: a form asking for a word, then a completed note echoing it; prev goes back to the form. */
    private final AdHocCommand<String> echo = new AdHocCommand<>() {
        @Override
        public String node() {
            return "echo";
        }

        @Override
        public String name() {
            return "Echo";
        }

        @Override
        public boolean allowed(String target, JID requester) {
            return requester.toBareJID().startsWith("admin@");
        }

        @Override
        public AdHocStage execute(String target, AdHocRequest r) {
            if (r.stage() == 0 || r.action().equals("prev")) {
                Element x = Elements.create("x", Namespaces.DATA_FORMS).addAttribute("type", "form");
                return AdHocStage.executing(x, "complete", "complete");
            }
            return AdHocStage.done(target + ":" + r.required("word"));
        }
    };

    private final AdHocCommand<String> slow = new AdHocCommand<>() {
        @Override
        public String node() {
            return "slow";
        }

        @Override
        public String name() {
            return "Slow";
        }

        @Override
        public boolean allowed(String target, JID requester) {
            return true;
        }

        @Override
        public AdHocStage execute(String target, AdHocRequest r) {
            pending = new CompletableFuture<>();
            return AdHocStage.later(pending);
        }
    };

    private final AdHocCommands<String> commands = new AdHocCommands<>(List.of(echo, slow), clock,
            Duration.ofMinutes(5), 3);
    private final Router router = new Router(new JID("svc.localhost"), Routes.builder()
            .iq(IQ.Type.set, Addressing.HOST, Namespaces.COMMANDS, "command", (iq, ctx) -> commands.execute("T", iq,
                    ctx))
            .iq(IQ.Type.get, Addressing.HOST, Namespaces.DISCO_ITEMS, "query", (iq, ctx) -> ctx.result(
                    commands.items("T", ctx.service(), iq.getFrom())))
            .iq(IQ.Type.get, Addressing.HOST, Namespaces.DISCO_INFO, "query", (iq, ctx) -> ctx.result(
                    commands.info("T", iq.getChildElement().attributeValue("node"), iq.getFrom())))
            .build(), out, new IqTracker(out, timer));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private Element send(String from, String child) throws Exception {
        String xml = "<iq xmlns='jabber:component:accept' type='" + (child.startsWith("<query") ? "get" : "set")
                + "' id='i' from='" + from + "' to='svc.localhost'>" + child + "</iq>";
        router.route(new IQ(new SAXReader().read(new StringReader(xml)).getRootElement()));
        List<Packet> sent = out.drain();
        assertEquals(1, sent.size(), "one answer");
        return sent.get(0).getElement();
    }

    private static String cmd(String attrs, String body) {
        return "<command xmlns='http://jabber.org/protocol/commands' " + attrs + ">" + body + "</command>";
    }

    private static String form(String word) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='word'><value>" + word + "</value></field></x>";
    }

    /** The error's defined condition and its XEP-0050 specific condition (or "-"). */
    private static String error(Element iq) {
        Element e = iq.element("error");
        assertNotNull(e, "an error: " + iq.asXML());
        List<Element> c = e.elements().stream().filter(x -> !x.getName().equals("text")).toList();
        return c.get(0).getName() + "/" + (c.size() > 1 ? c.get(1).getName() : "-");
    }

    @Test
    void listsOnlyTheCommandsTheRequesterMayRun() throws Exception {
        String q = "<query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'/>";
        assertEquals(2, send(ADMIN, q).element("query").elements("item").size());
        List<Element> user = send(USER, q).element("query").elements("item");
        assertEquals(1, user.size());
        assertEquals("slow", user.get(0).attributeValue("node"));
        String info = "<query xmlns='http://jabber.org/protocol/disco#info' node='echo'/>";
        assertEquals("command-node", send(ADMIN, info).element("query").element("identity").attributeValue("type"));
        assertEquals("forbidden/-", error(send(USER, info)), "§2.2: 403 for a command the requester may not run");
    }

    @Test
    void runsTwoStagesWithASession() throws Exception {
        Element first = send(ADMIN, cmd("node='echo' action='execute'", "")).element("command");
        assertEquals("executing", first.attributeValue("status"));
        assertEquals("complete", first.element("actions").attributeValue("execute"));
        String sid = first.attributeValue("sessionid");
        assertEquals(1, commands.sessions());
        assertEquals("bad-request/bad-payload", error(send(ADMIN, cmd("node='echo' sessionid='" + sid + "'",
                form("")))), "a required field left empty");
        assertEquals("bad-request/bad-action", error(send(ADMIN, cmd("node='echo' action='next' sessionid='" + sid
                + "'", form("x")))), "next is not among the actions offered");
        assertEquals("bad-request/bad-sessionid", error(send("admin@localhost/other",
                cmd("node='echo' sessionid='" + sid + "'", form("x")))), "a session belongs to its requester");
        Element done = send(ADMIN, cmd("node='echo' sessionid='" + sid + "'", form("hi"))).element("command");
        assertEquals("completed", done.attributeValue("status"));
        assertEquals("T:hi", done.elementText("note"));
        assertNull(done.element("actions"));
        assertEquals(0, commands.sessions(), "a completed session ends");
        assertEquals("not-allowed/session-expired", error(send(ADMIN, cmd("node='echo' sessionid='" + sid + "'",
                form("again")))));
    }

    @Test
    void cancelEndsTheSessionAndSessionsExpire() throws Exception {
        String sid = send(ADMIN, cmd("node='echo'", "")).element("command").attributeValue("sessionid");
        Element c = send(ADMIN, cmd("node='echo' action='cancel' sessionid='" + sid + "'", "")).element("command");
        assertEquals("canceled", c.attributeValue("status"));
        assertEquals(0, commands.sessions());
        String sid2 = send(ADMIN, cmd("node='echo'", "")).element("command").attributeValue("sessionid");
        clock.advance(Duration.ofMinutes(6));
        assertEquals("not-allowed/session-expired", error(send(ADMIN, cmd("node='echo' sessionid='" + sid2 + "'",
                form("late")))));
    }

    @Test
    void refusesStrangersUnknownNodesActionsAndTooManySessions() throws Exception {
        assertEquals("forbidden/-", error(send(USER, cmd("node='echo'", ""))));
        assertEquals("item-not-found/-", error(send(ADMIN, cmd("node='nope'", ""))));
        assertEquals("bad-request/malformed-action", error(send(ADMIN, cmd("node='echo' action='jump'", ""))));
        for (int i = 0; i < 3; i++) {
            send(ADMIN, cmd("node='echo'", ""));
        }
        assertEquals("resource-constraint/-", error(send(ADMIN, cmd("node='echo'", ""))));
        clock.advance(Duration.ofMinutes(6));
        assertEquals("executing", send(ADMIN, cmd("node='echo'", "")).element("command").attributeValue("status"),
                "expired sessions are evicted to make room");
        assertEquals(1, commands.sessions());
    }

    @Test
    void aLaterStageIsAnsweredWhenItsWorkCompletes() throws Exception {
        String xml = "<iq xmlns='jabber:component:accept' type='set' id='s' from='" + USER + "' to='svc.localhost'>"
                + cmd("node='slow'", "") + "</iq>";
        router.route(new IQ(new SAXReader().read(new StringReader(xml)).getRootElement()));
        assertEquals(List.of(), out.drain(), "nothing until the work is done");
        pending.complete(AdHocStage.done("ok"));
        Element c = out.drain().get(0).getElement().element("command");
        assertEquals("completed", c.attributeValue("status"));
        assertEquals("ok", c.elementText("note"));
    }

    @Test
    void oneUserCannotTakeEveryoneElsesSessions() throws Exception {
        AdHocCommands<String> many = new AdHocCommands<>(List.of(echo), clock, Duration.ofMinutes(5), 1000);
        Router r = new Router(new JID("svc.localhost"), Routes.builder()
                .iq(IQ.Type.set, Addressing.HOST, Namespaces.COMMANDS, "command", (iq, ctx) -> many.execute("T", iq,
                        ctx))
                .build(), out, new IqTracker(out, timer));
        java.util.function.Function<String, Element> run = from -> {
            try {
                String xml = "<iq xmlns='jabber:component:accept' type='set' id='i' from='" + from
                        + "' to='svc.localhost'>" + cmd("node='echo'", "") + "</iq>";
                r.route(new IQ(new SAXReader().read(new StringReader(xml)).getRootElement()));
                return out.drain().get(0).getElement();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        for (int i = 0; i < AdHocCommands.PER_REQUESTER; i++) {
            assertNotNull(run.apply("admin@localhost/r" + i).element("command"), "session " + i);
        }
        assertEquals("resource-constraint/-", error(run.apply("admin@localhost/other")),
                "the same user, from any resource, is at its cap");
        assertNotNull(run.apply("admin@elsewhere.example/r").element("command"), "another user still gets one");
    }
}
