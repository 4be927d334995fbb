package im.satellite.core.adhoc;

import im.satellite.core.disco.BuiltinRoutes;
import im.satellite.core.disco.DiscoInfo;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.StanzaContext;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError.Condition;
import org.xmpp.packet.PacketError.Type;

/**
 * XEP-0050 for a set of commands on entities of type {@code T}: the command list in disco#items (§2.2, only the
 * commands the requester may run), disco#info on the nodes, and execution (§3) with multi-stage sessions. A session
 * belongs to one requester (full JID), entity and command; it ends when completed or cancelled, and expires after
 * {@code timeout} without a stage; at most {@code maxSessions} exist at once, and at most {@link #PER_REQUESTER} per bare
 * JID (then {@code resource-constraint}).
 * Thread-safe: the sessions are in a concurrent map, and one session runs one stage at a time.
 *
 * @param <T> the entity the commands act on (passed by the handler that routes the IQ)
 */
public final class AdHocCommands<T> {
    private static final Logger log = LoggerFactory.getLogger(AdHocCommands.class);
    private static final Set<String> ACTIONS = Set.of("execute", "cancel", "prev", "next", "complete");

    private final Map<String, AdHocCommand<T>> commands = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration timeout;
    private final int maxSessions;
    /** Open sessions one bare JID may hold at once, whatever {@code maxSessions} allows. */
    static final int PER_REQUESTER = 10;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    public AdHocCommands(List<? extends AdHocCommand<T>> commands, Clock clock, Duration timeout, int maxSessions) {
        for (AdHocCommand<T> c : commands) {
            if (this.commands.putIfAbsent(c.node(), c) != null) {
                throw new IllegalArgumentException("two commands with node " + c.node());
            }
        }
        this.clock = clock;
        this.timeout = timeout;
        this.maxSessions = maxSessions;
    }

    /** Whether {@code node} is the commands node or one of these commands (for disco routing). */
    public boolean hasNode(String node) {
        return Namespaces.COMMANDS.equals(node) || commands.containsKey(node);
    }

    /** Whether any command is offered to {@code requester} on {@code target}. */
    public boolean anyAllowed(T target, JID requester) {
        return commands.values().stream().anyMatch(c -> c.allowed(target, requester));
    }

    /** §2.2: the disco#items answer for the commands node of {@code entity}: the commands the requester may run. */
    public Element items(T target, JID entity, JID requester) {
        Element q = Elements.create("query", Namespaces.DISCO_ITEMS).addAttribute("node", Namespaces.COMMANDS);
        for (AdHocCommand<T> c : commands.values()) {
            if (c.allowed(target, requester)) {
                q.addElement("item").addAttribute("jid", entity.toString()).addAttribute("node", c.node())
                        .addAttribute("name", c.name());
            }
        }
        return q;
    }

    /**
     * §2.2: the disco#info answer for the commands node ({@code automation/command-list}) or a command's node
     * ({@code automation/command-node}); {@code forbidden} for a command the requester may not run.
     */
    public Element info(T target, String node, JID requester) {
        Element q = Elements.create("query", Namespaces.DISCO_INFO).addAttribute("node", node);
        if (Namespaces.COMMANDS.equals(node)) {
            q.addElement("identity").addAttribute("category", "automation").addAttribute("type", "command-list");
            return q;
        }
        AdHocCommand<T> c = command(node);
        if (!c.allowed(target, requester)) {
            throw new StanzaException(Condition.forbidden, "you may not run this command");
        }
        q.addElement("identity").addAttribute("category", "automation").addAttribute("type", "command-node")
                .addAttribute("name", c.name());
        q.addElement("feature").addAttribute("var", Namespaces.COMMANDS);
        q.addElement("feature").addAttribute("var", Namespaces.DATA_FORMS);
        return q;
    }

    /**
     * disco#info at a service that offers these commands: without a node the service's own {@code info} (with the
     * built-in features), on a command node the node's info (§2.3), any other node {@code item-not-found}.
     */
    public Element serviceInfo(T target, IQ iq, DiscoInfo info) {
        String node = iq.getChildElement().attributeValue("node");
        if (node == null) {
            return info.withFeatures(BuiltinRoutes.FEATURES).toQuery(null);
        }
        if (!hasNode(node)) {
            throw new StanzaException(Condition.item_not_found, "no such node");
        }
        return info(target, node, iq.getFrom());
    }

    /** Runs one stage of the {@code <command/>} in {@code iq} on {@code target}, answering through {@code ctx}. */
    public void execute(T target, IQ iq, StanzaContext ctx) {
        Element cmd = iq.getChildElement();
        AdHocCommand<T> c = command(cmd.attributeValue("node"));
        String action = cmd.attributeValue("action", "execute");
        if (!ACTIONS.contains(action)) {
            throw error(Condition.bad_request, "malformed-action", "unknown action " + action);
        }
        String sid = cmd.attributeValue("sessionid");
        if (action.equals("cancel")) {
            // §3.4: the responder frees the session and answers canceled
            if (sid != null) {
                sessions.remove(find(c, iq, sid).id);
            }
            ctx.result(command(c, sid != null ? sid : UUID.randomUUID().toString(), "canceled"));
            return;
        }
        Session s;
        if (sid == null) {
            if (!action.equals("execute") && !action.equals("complete")) {
                throw error(Condition.bad_request, "bad-action", "a new session starts with execute");
            }
            allow(c, target, iq.getFrom(), null);
            s = newSession(c.node(), iq.getFrom(), entity(iq));
            action = "execute";
        } else {
            s = find(c, iq, sid);
            allow(c, target, iq.getFrom(), s);
            action = action.equals("execute") ? s.execute : action;
            if (!s.actions.contains(action)) {
                throw error(Condition.bad_request, "bad-action", "the action " + action + " is not allowed now");
            }
        }
        if (!s.busy.compareAndSet(false, true)) {
            throw error(Condition.bad_request, "bad-sessionid", "the previous stage is still running");
        }
        Element x = Elements.child(cmd, "x", Namespaces.DATA_FORMS).orElse(null);
        run(c, s, target, new AdHocRequest(iq.getFrom(), action, values(x), x != null, s.data, s.stage), ctx);
    }

    /** Runs the stage and answers now, or when its work completes (§3: one response per request). */
    private void run(AdHocCommand<T> c, Session s, T target, AdHocRequest req, StanzaContext ctx) {
        AdHocStage stage;
        try {
            stage = c.execute(target, req);
        } catch (RuntimeException e) {
            s.busy.set(false);
            throw e;
        }
        if (stage.later() == null) {
            ctx.result(answer(c, s, stage));
            return;
        }
        StanzaContext.Responder r = ctx.defer();
        stage.later().whenComplete((done, failure) -> {
            if (failure == null) {
                r.result(answer(c, s, done));
                return;
            }
            s.busy.set(false);
            Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause()
                    : failure;
            if (cause instanceof StanzaException se) {
                r.error(se);
            } else {
                log.warn("ad-hoc command {} failed: {}", c.node(), cause.toString());
                r.error(new StanzaException(Condition.internal_server_error, Type.wait, "the command failed"));
            }
        });
    }

    /** The live session {@code sid} of this requester, entity and command (§4.3), or the XEP-0050 error. */
    private Session find(AdHocCommand<T> c, IQ iq, String sid) {
        Session s = sessions.get(sid);
        if (s == null || s.expired(clock.instant())) {
            sessions.remove(sid);
            throw error(Condition.not_allowed, "session-expired", "the session has ended or expired");
        }
        if (!s.requester.equals(iq.getFrom().toString()) || !s.node.equals(c.node())
                || !s.entity.equals(entity(iq))) {
            throw error(Condition.bad_request, "bad-sessionid", "not a session of yours for this command");
        }
        return s;
    }

    /** §4.6: forbidden when the requester may not run the command (any more: its session ends). */
    private void allow(AdHocCommand<T> c, T target, JID from, Session s) {
        if (!c.allowed(target, from)) {
            if (s != null) {
                sessions.remove(s.id);
            }
            throw new StanzaException(Condition.forbidden, Type.cancel, "you may not run this command");
        }
    }

    private static String entity(IQ iq) {
        return iq.getTo().toBareJID().toLowerCase(Locale.ROOT);
    }

    /** Sessions open now (for tests and logs). */
    public int sessions() {
        return sessions.size();
    }

    /** Drops the expired sessions. */
    public void purge() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.expired(now));
    }

    private Session newSession(String node, JID from, String entity) {
        purge();
        if (sessions.size() >= maxSessions) {
            throw new StanzaException(Condition.resource_constraint, Type.wait, "too many command sessions");
        }
        // One user may not use up the sessions of everyone (e.g. a room owner starting hat commands in a loop).
        String bare = from.toBareJID().toLowerCase(Locale.ROOT);
        long mine = sessions.values().stream()
                .filter(s -> new JID(s.requester).toBareJID().toLowerCase(Locale.ROOT).equals(bare)).count();
        if (mine >= PER_REQUESTER) {
            throw new StanzaException(Condition.resource_constraint, Type.wait, "too many command sessions of yours");
        }
        return new Session(UUID.randomUUID().toString(), node, from.toString(), entity);
    }

    private Element answer(AdHocCommand<T> c, Session s, AdHocStage stage) {
        Element out = command(c, s.id, stage.completed() ? "completed" : "executing");
        if (stage.completed()) {
            sessions.remove(s.id);
        } else {
            Element actions = out.addElement("actions").addAttribute("execute", stage.execute());
            for (String a : stage.actions()) {
                actions.addElement(a);
            }
            s.actions = Set.copyOf(stage.actions());
            s.execute = stage.execute();
            s.stage++;
            s.expires = clock.instant().plus(timeout);
            sessions.put(s.id, s);
        }
        for (String[] n : stage.notes()) {
            out.addElement("note").addAttribute("type", n[0]).setText(n[1]);
        }
        if (stage.payload() != null) {
            out.add(stage.payload().createCopy());
        }
        s.busy.set(false);
        return out;
    }

    private static Element command(AdHocCommand<?> c, String sid, String status) {
        return Elements.create("command", Namespaces.COMMANDS).addAttribute("node", c.node())
                .addAttribute("sessionid", sid).addAttribute("status", status);
    }

    private AdHocCommand<T> command(String node) {
        AdHocCommand<T> c = node == null ? null : commands.get(node);
        if (c == null) {
            throw new StanzaException(Condition.item_not_found, "no such command");
        }
        return c;
    }

    private static StanzaException error(Condition c, String specific, String text) {
        return new StanzaException(c, c.getDefaultType(), text).withAppCondition(specific, Namespaces.COMMANDS);
    }

    /** XEP-0004 values of a submitted form by var (XEP-0050 §4.6.1: a cancel-type form counts as submitted). */
    private static Map<String, List<String>> values(Element x) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (x == null) {
            return out;
        }
        for (Element f : x.elements("field")) {
            String var = f.attributeValue("var");
            if (var != null) {
                List<String> vs = new ArrayList<>();
                for (Element v : f.elements("value")) {
                    vs.add(v.getText());
                }
                out.put(var, vs);
            }
        }
        return out;
    }

    /** One execution session (§4.3). Its stages run one at a time; fields are read across lanes, so volatile. */
    private static final class Session {
        final String id;
        final String node;
        final String requester;
        final String entity;
        final Map<String, Object> data = new ConcurrentHashMap<>();
        final AtomicBoolean busy = new AtomicBoolean();
        volatile Set<String> actions = Set.of();
        volatile String execute = "next";
        volatile int stage;
        volatile Instant expires = Instant.MAX;

        Session(String id, String node, String requester, String entity) {
            this.id = id;
            this.node = node;
            this.requester = requester;
            this.entity = entity;
        }

        boolean expired(Instant now) {
            return !expires.isAfter(now);
        }
    }
}
