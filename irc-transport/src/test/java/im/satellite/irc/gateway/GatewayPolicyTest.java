package im.satellite.irc.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.irc.IrcGatewaySettings;
import im.satellite.irc.client.IrcNetwork;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

/** The allow-list, the internal-address guard, and XEP-0059 paging of the channel list. */
class GatewayPolicyTest {
    private static IrcNetwork net(String name) {
        return new IrcNetwork(name, "127.0.0.1", 6667, false, true, null, StandardCharsets.UTF_8,
                StandardCharsets.ISO_8859_1, 5, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(9));
    }

    private static IrcGatewaySettings settings(boolean unlisted, List<String> domains) {
        return new IrcGatewaySettings(Map.of("listed.test", net("listed.test")), unlisted, domains, 5, 10,
                new byte[32], List.of(), Duration.ofSeconds(60), net("*"));
    }

    @Test
    void listedNetworksOnlyByDefault() {
        NetworkPolicy p = new NetworkPolicy(settings(false, List.of()));
        String[] why = new String[1];
        assertTrue(p.resolve("LISTED.test", why).isPresent(), "listed, even on loopback");
        assertTrue(p.resolve("irc.libera.chat", why).isEmpty());
        assertTrue(why[0].contains("not allowed"));
    }

    @Test
    void unlistedNetworksMayNotResolveInternally() throws Exception {
        NetworkPolicy p = new NetworkPolicy(settings(true, List.of()));
        String[] why = new String[1];
        Optional<IrcNetwork> n = p.resolve("localhost", why);
        assertTrue(n.isEmpty(), "localhost is loopback");
        assertTrue(why[0].contains("internal"));
        for (String a : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.0.1", "0.0.0.0",
                "100.64.0.1", "::1", "fd00::1", "fe80::1", "224.0.0.1")) {
            assertTrue(NetworkPolicy.isInternal(InetAddress.getByName(a)), a);
        }
        assertFalse(NetworkPolicy.isInternal(InetAddress.getByName("93.184.216.34")));
        assertFalse(NetworkPolicy.isInternal(InetAddress.getByName("2001:db8::1")));
    }

    @Test
    void domainsDefaultToTheServersOwn() {
        assertTrue(new NetworkPolicy(settings(false, List.of())).domainAllowed("localhost", "localhost"));
        assertFalse(new NetworkPolicy(settings(false, List.of())).domainAllowed("evil.example", "localhost"));
        assertTrue(new NetworkPolicy(settings(false, List.of("a.example"))).domainAllowed("A.example", "localhost"));
    }

    @Test
    void channelListPagesWithRsm() {
        List<String[]> chans = new ArrayList<>();
        for (String c : List.of("#d", "#a", "#c", "#b", "#e")) {
            chans.add(new String[] {c, "3", "topic " + c});
        }
        Element set = Elements.create("set", Namespaces.RSM);
        set.addElement("max").setText("2");
        Element first = ChannelList.page(chans, "net", "gw", set);
        assertEquals(List.of("#a%net@gw", "#b%net@gw"), jids(first));
        Element rsm = first.element("set");
        assertEquals("5", rsm.elementText("count"));
        assertEquals("0", rsm.element("first").attributeValue("index"));
        set.addElement("after").setText(rsm.elementText("last"));
        assertEquals(List.of("#c%net@gw", "#d%net@gw"), jids(ChannelList.page(chans, "net", "gw", set)));
        Element last = Elements.create("set", Namespaces.RSM);
        last.addElement("max").setText("2");
        last.addElement("before");
        assertEquals(List.of("#d%net@gw", "#e%net@gw"), jids(ChannelList.page(chans, "net", "gw", last)));
        assertEquals(5, jids(ChannelList.page(chans, "net", "gw", null)).size());
    }

    private static List<String> jids(Element q) {
        return q.elements("item").stream().map(i -> i.attributeValue("jid")).toList();
    }
}
