package im.satellite.irc.it;

import im.satellite.core.testkit.FakeXmppServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.dom4j.Element;

/**
 * The XMPP server's side of the component link, for tests: sends stanzas as a user's client would (through the
 * server) and waits for the stanzas the gateway emits, matching by predicate; stanzas for other expectations wait.
 */
public final class XmppSide {
    private final FakeXmppServer server;
    private final List<Element> pending = new ArrayList<>();

    public XmppSide(FakeXmppServer server) {
        this.server = server;
    }

    public void send(String xml) {
        server.send(xml);
    }

    public synchronized Element expect(String what, Predicate<Element> p) throws InterruptedException {
        return expect(what, p, Duration.ofSeconds(15));
    }

    public synchronized Element expect(String what, Predicate<Element> p, Duration timeout)
            throws InterruptedException {
        for (Iterator<Element> it = pending.iterator(); it.hasNext(); ) {
            Element e = it.next();
            if (p.test(e)) {
                it.remove();
                return e;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Element e = left <= 0 ? null : server.take(Duration.ofNanos(left));
            if (e == null) {
                StringBuilder sb = new StringBuilder();
                pending.forEach(x -> sb.append("\n  ").append(x.asXML()));
                throw new AssertionError("expected " + what + "; unmatched stanzas:" + sb);
            }
            if (p.test(e)) {
                return e;
            }
            pending.add(e);
        }
    }

    /** Stanzas that arrived within the window and matched nothing yet, plus those arriving now, matching {@code p}. */
    public synchronized List<Element> collect(Predicate<Element> p, Duration window) throws InterruptedException {
        List<Element> got = new ArrayList<>();
        for (Iterator<Element> it = pending.iterator(); it.hasNext(); ) {
            Element e = it.next();
            if (p.test(e)) {
                it.remove();
                got.add(e);
            }
        }
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Element e = left <= 0 ? null : server.take(Duration.ofNanos(left));
            if (e == null) {
                return got;
            }
            if (p.test(e)) {
                got.add(e);
            } else {
                pending.add(e);
            }
        }
    }

    public static Predicate<Element> stanza(String name, String from, String to) {
        return e -> e.getName().equals(name) && (from == null || from.equals(e.attributeValue("from")))
                && (to == null || to.equals(e.attributeValue("to")));
    }

    public static boolean hasStatus(Element presence, int code) {
        Element x = presence.element("x");
        if (x == null) {
            return false;
        }
        for (Element s : x.elements("status")) {
            if (String.valueOf(code).equals(s.attributeValue("code"))) {
                return true;
            }
        }
        return false;
    }

    public static String item(Element presence, String attr) {
        Element x = presence.element("x");
        Element item = x == null ? null : x.element("item");
        return item == null ? null : item.attributeValue(attr);
    }
}
