package im.satellite.muc;

import im.satellite.core.routing.Router;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dom4j.Attribute;
import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.opentest4j.AssertionFailedError;
import org.xmpp.packet.Packet;

/**
 * Runs one XML scenario (STYLE 7.8.2) against a {@link MucHarness}: {@code <send>}, {@code <expect>} (in order),
 * {@code <expect-unordered>}, {@code <expect-nothing/>}, {@code <advance seconds=""/>}, {@code <sweep/>} (the idle-room sweep
 * the timer runs), {@code <loaded-rooms count=""/>} (rooms in memory), {@code <restart/>},
 * {@code <crash/>}, {@code <stop/>}, {@code <ignore-rest/>}, {@code <distinct ids="a b"/>} (the values captured as
 * {@code {id:a}} and {@code {id:b}} differ). XEP-0421 occupant-id elements (random per database) are removed from
 * what the service sent unless the scenario's root says {@code occupant-ids="checked"}. Placeholders: {@code {service}}, {@code {room}}
 * ({@code coven@muc.localhost}), and users {@code {juliet}} = {@code juliet@localhost/balcony},
 * {@code {juliet-bare}}, … A value {@code {any}} matches any attribute value or text. Whatever the service sent and
 * no step expected fails the scenario.
 */
public final class ScenarioRunner {
    static final Map<String, String> PLACEHOLDERS = new LinkedHashMap<>();

    static {
        PLACEHOLDERS.put("{service}", MucHarness.SERVICE);
        PLACEHOLDERS.put("{room}", "coven@" + MucHarness.SERVICE);
        PLACEHOLDERS.put("{room2}", "heath@" + MucHarness.SERVICE);
        for (String[] u : new String[][] {{"juliet", "balcony"}, {"romeo", "orchard"}, {"nurse", "chamber"},
                {"tybalt", "street"}, {"boss", "desk"}}) {
            PLACEHOLDERS.put("{" + u[0] + "-bare}", u[0] + "@localhost");
            PLACEHOLDERS.put("{" + u[0] + "}", u[0] + "@localhost/" + u[1]);
        }
        PLACEHOLDERS.put("{romeo2}", "romeo@localhost/garden");
        PLACEHOLDERS.put("{mallory}", "mallory@evil.example/x");
    }

    private ScenarioRunner() {
    }

    /** The scenario's name attribute. */
    public static String name(Path file) throws Exception {
        return parse(file).getRootElement().attributeValue("name");
    }

    private static Document parse(Path file) throws Exception {
        String xml = Files.readString(file);
        for (Map.Entry<String, String> e : PLACEHOLDERS.entrySet()) {
            xml = xml.replace(e.getKey(), e.getValue());
        }
        return new SAXReader().read(new StringReader(xml));
    }

    public static void run(Path file, Path tempDir) throws Exception {
        Element root = parse(file).getRootElement();
        Element cfg = root.element("config");
        Xml.CAPTURED.get().clear();
        boolean checkIds = "checked".equals(root.attributeValue("occupant-ids"));
        try (MucHarness h = new MucHarness(tempDir, cfg == null ? "" : cfg.getText().stripIndent(), !checkIds)) {
            Deque<Packet> pending = new ArrayDeque<>();
            int step = 0;
            for (Element s : steps(file, root)) {
                step++;
                String where = file.getFileName() + " step " + step + " <" + s.getName() + ">";
                switch (s.getName()) {
                    case "config" -> { }
                    case "send" -> {
                        for (Element st : s.elements()) {
                            Element copy = st.createCopy();
                            Xml.substitute(copy);
                            Packet p = Router.toPacket(copy);
                            h.send(p);
                        }
                        pending.addAll(h.take());
                    }
                    case "expect" -> {
                        for (Element exp : s.elements()) {
                            Packet act = pending.poll();
                            if (act == null || !Xml.matches(exp, act.getElement())) {
                                throw new AssertionFailedError(where + ": expected\n" + exp.asXML() + "\nbut got\n"
                                        + (act == null ? "nothing" : act.toXML()) + "\nthen: " + dump(pending));
                            }
                        }
                    }
                    case "expect-unordered" -> unordered(where, s.elements(), pending);
                    case "expect-nothing" -> {
                        if (!pending.isEmpty()) {
                            throw new AssertionFailedError(where + ": expected nothing but got " + dump(pending));
                        }
                    }
                    case "ignore-rest" -> pending.clear();
                    case "distinct" -> {
                        List<String> values = new ArrayList<>();
                        for (String n : s.attributeValue("ids").trim().split("\\s+")) {
                            String v = Xml.CAPTURED.get().get("{id:" + n + "}");
                            if (v == null || values.contains(v)) {
                                throw new AssertionFailedError(where + ": {id:" + n + "} is "
                                        + (v == null ? "not captured" : "the same as another: " + v));
                            }
                            values.add(v);
                        }
                    }
                    case "advance" -> h.clock().advance(Duration.ofSeconds(Long.parseLong(s.attributeValue("seconds"))));
                    case "restart" -> {
                        h.restart();
                        pending.addAll(h.take());
                    }
                    case "crash" -> h.crash();
                    case "sweep" -> {
                        h.service().sweepIdleRooms();
                        pending.addAll(h.take());
                    }
                    case "loaded-rooms" -> {
                        pending.addAll(h.take());
                        int n = h.service().registry().loaded().size();
                        int want = Integer.parseInt(s.attributeValue("count"));
                        if (n != want) {
                            throw new AssertionFailedError(where + ": expected " + want + " room(s) in memory, found "
                                    + n);
                        }
                    }
                    case "stop" -> {
                        h.stop();
                        pending.addAll(h.take());
                    }
                    default -> throw new IllegalArgumentException(where + ": unknown step");
                }
            }
            if (!pending.isEmpty()) {
                throw new AssertionFailedError(file.getFileName() + ": unexpected stanzas at the end: "
                        + dump(pending));
            }
        }
    }

    /** The steps, with {@code <include path="_setup/x.xml"/>} replaced by that file's steps. */
    private static List<Element> steps(Path file, Element root) throws Exception {
        List<Element> out = new ArrayList<>();
        for (Element s : root.elements()) {
            if (s.getName().equals("include")) {
                Path base = file.getParent();
                while (!base.getFileName().toString().equals("muc")) {
                    base = base.getParent();
                }
                Path inc = base.resolve(s.attributeValue("path"));
                out.addAll(steps(inc, parse(inc).getRootElement()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static void unordered(String where, List<Element> expected, Deque<Packet> pending) {
        List<Packet> got = new ArrayList<>();
        for (int i = 0; i < expected.size() && !pending.isEmpty(); i++) {
            got.add(pending.poll());
        }
        List<Packet> left = new ArrayList<>(got);
        for (Element exp : expected) {
            Packet match = left.stream().filter(p -> Xml.matches(exp, p.getElement())).findFirst().orElse(null);
            if (match == null) {
                throw new AssertionFailedError(where + ": no stanza matched\n" + exp.asXML() + "\namong\n"
                        + dump(got));
            }
            left.remove(match);
        }
    }

    private static String dump(Iterable<Packet> ps) {
        StringBuilder sb = new StringBuilder();
        for (Packet p : ps) {
            sb.append("\n  ").append(p.toXML());
        }
        return sb.length() == 0 ? "(none)" : sb.toString();
    }

    /** Strict structural comparison with {@code {any}} wildcards; child order is ignored. */
    static final class Xml {
        /**
         * Values matched by {@code {id:name}} attributes in expectations (e.g. the id of a forwarded IQ), put back
         * where a later {@code send} uses {@code {id:name}}.
         */
        static final ThreadLocal<Map<String, String>> CAPTURED = ThreadLocal.withInitial(java.util.HashMap::new);

        private Xml() {
        }

        static void substitute(Element e) {
            for (Attribute a : e.attributes()) {
                String v = CAPTURED.get().get(a.getValue());
                if (v != null) {
                    a.setValue(v);
                }
            }
            if (e.elements().isEmpty() && CAPTURED.get().containsKey(e.getTextTrim())) {
                e.setText(CAPTURED.get().get(e.getTextTrim()));
            }
            for (Element c : e.elements()) {
                substitute(c);
            }
        }

        /**
         * Whether {@code act} matches; a {@code {id:name}} seen before must have the same value again (so a fixture
         * can say "the same stanza id"); captures of a failed match are forgotten.
         */
        static boolean matches(Element exp, Element act) {
            Map<String, String> before = new java.util.HashMap<>(CAPTURED.get());
            boolean ok = matches(exp, act, true);
            if (!ok) {
                CAPTURED.get().clear();
                CAPTURED.get().putAll(before);
            }
            return ok;
        }

        private static boolean capture(String key, String value) {
            String known = CAPTURED.get().putIfAbsent(key, value);
            return known == null || known.equals(value);
        }

        private static boolean matches(Element exp, Element act, boolean root) {
            if (!exp.getName().equals(act.getName())) {
                return false;
            }
            if (!root && !exp.getNamespaceURI().equals(act.getNamespaceURI())) {
                return false;
            }
            if (exp.attributeCount() != act.attributeCount()) {
                return false;
            }
            for (Attribute a : exp.attributes()) {
                String v = act.attributeValue(a.getName());
                if (v != null && a.getValue().startsWith("{id:")) {
                    if (!capture(a.getValue(), v)) {
                        return false;
                    }
                    continue;
                }
                if (v == null || !(a.getValue().equals("{any}") || a.getValue().equals(v))) {
                    return false;
                }
            }
            List<Element> ec = exp.elements();
            List<Element> ac = new ArrayList<>(act.elements());
            if (ec.size() != ac.size()) {
                return false;
            }
            if (ec.isEmpty()) {
                String t = exp.getTextTrim();
                if (t.startsWith("{id:") && act.elements().isEmpty()) {
                    return capture(t, act.getTextTrim());
                }
                return t.equals("{any}") || t.equals(act.getTextTrim());
            }
            for (Element e : ec) {
                Element m = ac.stream().filter(a -> matches(e, a, false)).findFirst().orElse(null);
                if (m == null) {
                    return false;
                }
                ac.remove(m);
            }
            return true;
        }
    }
}
