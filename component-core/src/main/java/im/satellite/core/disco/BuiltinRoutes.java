package im.satellite.core.disco;

import im.satellite.core.Version;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.Addressing;
import im.satellite.core.routing.Routes;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * The answers every service gives at its own domain: XEP-0030 disco#info and (empty, unless the service routes it)
 * disco#items, XEP-0199 ping, XEP-0092 software version and XEP-0202 entity time. A service's own routes for the
 * same keys take precedence.
 */
public final class BuiltinRoutes {
    /** Features every service declares because of these routes. */
    public static final String[] FEATURES = {Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.PING,
        Namespaces.VERSION, Namespaces.TIME};

    private BuiltinRoutes() {
    }

    public static Routes routes(Supplier<DiscoInfo> info, Clock clock) {
        return Routes.builder()
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.DISCO_INFO, "query", (iq, ctx) -> {
                    String node = iq.getChildElement().attributeValue("node");
                    if (node != null) {
                        throw new StanzaException(PacketError.Condition.item_not_found, "no such node");
                    }
                    ctx.result(info.get().withFeatures(FEATURES).toQuery(null));
                })
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.DISCO_ITEMS, "query", (iq, ctx) -> {
                    if (iq.getChildElement().attributeValue("node") != null) {
                        throw new StanzaException(PacketError.Condition.item_not_found, "no such node");
                    }
                    ctx.result(Elements.create("query", Namespaces.DISCO_ITEMS));
                })
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.PING, "ping", (iq, ctx) -> ctx.result())
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.VERSION, "query", (iq, ctx) -> ctx.result(version()))
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.TIME, "time", (iq, ctx) -> ctx.result(time(clock)))
                .build();
    }

    /** XEP-0092 §2. The operating system is not disclosed, as the XEP's security considerations suggest. */
    static Element version() {
        Element q = Elements.create("query", Namespaces.VERSION);
        q.addElement("name").setText("Satellite");
        q.addElement("version").setText(Version.current());
        return q;
    }

    /** XEP-0202 §4: the entity's UTC offset and the time in UTC (XEP-0082 format). */
    static Element time(Clock clock) {
        Element t = Elements.create("time", Namespaces.TIME);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        t.addElement("tzo").setText("+00:00");
        t.addElement("utc").setText(DateTimeFormatter.ISO_INSTANT.format(now.atOffset(ZoneOffset.UTC)));
        return t;
    }
}
