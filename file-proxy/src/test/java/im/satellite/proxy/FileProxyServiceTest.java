package im.satellite.proxy;

import static im.satellite.proxy.ProxyHarness.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.proxy.socks5.StreamHash;
import java.net.Socket;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

/** The XMPP side of the proxy: disco, the streamhost query, access policy, activation errors, the stats command. */
class FileProxyServiceTest {
    private static final String ALICE = "alice@localhost/desk";
    private static final String BOB = "bob@localhost/phone";
    private ProxyHarness proxy;

    @AfterEach
    void close() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    private ProxyHarness start(String options) {
        proxy = new ProxyHarness(options);
        return proxy;
    }

    @Test
    void discoInfoAnnouncesABytestreamsProxy() throws Exception {
        start("name: File Relay");
        IQ r = proxy.iq("<iq type='get' id='d1' from='" + ALICE + "' to='proxy.localhost'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        Element q = r.getChildElement();
        Element id = q.element("identity");
        assertEquals("proxy", id.attributeValue("category"), "XEP-0065 §6.2: identity category proxy");
        assertEquals("bytestreams", id.attributeValue("type"));
        assertEquals("File Relay", id.attributeValue("name"));
        List<String> features = q.elements("feature").stream().map(f -> f.attributeValue("var")).toList();
        assertTrue(features.contains("http://jabber.org/protocol/bytestreams"), features.toString());
        assertTrue(features.contains("http://jabber.org/protocol/disco#info"), features.toString());
    }

    @Test
    void streamhostQueryAnswersTheAdvertisedAddressesNotTheBindAddress() throws Exception {
        start("advertise-host: [files.example.org, \"2001:0db8::0001\"]\nadvertise-port: 7625");
        IQ r = proxy.iq("<iq type='get' id='s1' from='" + ALICE + "' to='proxy.localhost'>"
                + "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
        assertEquals("result", outcome(r));
        List<Element> hosts = r.getChildElement().elements("streamhost");
        assertEquals(2, hosts.size());
        assertEquals("files.example.org", hosts.get(0).attributeValue("host"));
        assertEquals("2001:db8::1", hosts.get(1).attributeValue("host"), "IPv6 in RFC 5952 form");
        for (Element h : hosts) {
            assertEquals("proxy.localhost", h.attributeValue("jid"));
            assertEquals("7625", h.attributeValue("port"));
        }
    }

    @Test
    void streamhostDefaultsToTheServiceDomainAndBoundPort() throws Exception {
        start("");
        IQ r = proxy.iq("<iq type='get' id='s2' from='" + ALICE + "' to='proxy.localhost'>"
                + "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
        Element h = r.getChildElement().element("streamhost");
        assertEquals("proxy.localhost", h.attributeValue("host"));
        assertEquals(Integer.toString(proxy.port()), h.attributeValue("port"));
    }

    @Test
    void usersOfOtherDomainsAreForbiddenUnlessAllowed() throws Exception {
        start("allow-domains: [partner.example]\nallow-jids: [bot@elsewhere.example]");
        String q = "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>";
        assertEquals("forbidden", outcome(proxy.iq("<iq type='get' id='p1' from='eve@evil.example/x' "
                + "to='proxy.localhost'>" + q)), "XEP-0065 §6.3.1: forbidden to use the proxy");
        assertEquals("result", outcome(proxy.iq("<iq type='get' id='p2' from='carol@partner.example/x' "
                + "to='proxy.localhost'>" + q)));
        assertEquals("result", outcome(proxy.iq("<iq type='get' id='p3' from='bot@elsewhere.example/x' "
                + "to='proxy.localhost'>" + q)));
        assertEquals("forbidden", outcome(proxy.activate("eve@evil.example/x", "s1", BOB)),
                "activation too is refused to strangers");
    }

    @Test
    void activationErrorsFollowXep0065() throws Exception {
        start("");
        StreamHash hash = StreamHash.of("sid1", ALICE, BOB);
        assertEquals("item-not-found", outcome(proxy.activate(ALICE, "sid1", BOB)), "nobody connected");
        try (Socket target = proxy.connect(hash)) {
            assertEquals("not-allowed", outcome(proxy.activate(ALICE, "sid1", BOB)),
                    "§6.3.6: not-allowed if only one party is connected");
            try (Socket initiator = proxy.connect(hash)) {
                assertEquals("item-not-found", outcome(proxy.activate("mallory@localhost/x", "sid1", BOB)),
                        "§6.3.6: item-not-found if 'from' is not the requester whose JID was hashed");
                assertEquals("item-not-found", outcome(proxy.activate(BOB, "sid1", ALICE)),
                        "the target cannot activate either");
                assertEquals("result", outcome(proxy.activate(ALICE, "sid1", BOB)), "the requester can");
                assertEquals("not-allowed", outcome(proxy.activate(ALICE, "sid1", BOB)), "but only once");
            }
        }
    }

    @Test
    void malformedActivationIsABadRequest() throws Exception {
        start("");
        assertEquals("bad-request", outcome(proxy.iq("<iq type='set' id='m1' from='" + ALICE + "' "
                + "to='proxy.localhost'><query xmlns='http://jabber.org/protocol/bytestreams' sid='x'/></iq>")));
        assertEquals("jid-malformed", outcome(proxy.activate(ALICE, "x", "a@b@c")));
    }

    @Test
    void statsCommandIsListedAndRunForAdminsOnly() throws Exception {
        start("admins: [root@localhost]");
        String items = "<query xmlns='http://jabber.org/protocol/disco#items' "
                + "node='http://jabber.org/protocol/commands'/></iq>";
        IQ listed = proxy.iq("<iq type='get' id='c1' from='root@localhost/a' to='proxy.localhost'>" + items);
        Element item = listed.getChildElement().element("item");
        assertNotNull(item, "XEP-0050 §2.2: admins see the command");
        assertEquals("stats", item.attributeValue("node"));
        IQ hidden = proxy.iq("<iq type='get' id='c2' from='" + ALICE + "' to='proxy.localhost'>" + items);
        assertTrue(hidden.getChildElement().elements("item").isEmpty(), "others do not");

        String exec = "<command xmlns='http://jabber.org/protocol/commands' node='stats' action='execute'/></iq>";
        assertEquals("forbidden", outcome(proxy.iq("<iq type='set' id='c3' from='" + ALICE + "' "
                + "to='proxy.localhost'>" + exec)));
        IQ done = proxy.iq("<iq type='set' id='c4' from='root@localhost/a' to='proxy.localhost'>" + exec);
        Element cmd = done.getChildElement();
        assertEquals("completed", cmd.attributeValue("status"), "XEP-0050 §3.3: a one-stage command completes");
        assertNotNull(cmd.attributeValue("sessionid"));
        Element x = cmd.element("x");
        assertEquals("result", x.attributeValue("type"));
        List<String> vars = x.elements("field").stream().map(f -> f.attributeValue("var")).toList();
        assertTrue(vars.containsAll(List.of("active-transfers", "bytes-relayed")), vars.toString());

        IQ info = proxy.iq("<iq type='get' id='c5' from='root@localhost/a' to='proxy.localhost'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info' node='stats'/></iq>");
        assertEquals("command-node", info.getChildElement().element("identity").attributeValue("type"));

        IQ again = proxy.iq("<iq type='set' id='c6' from='root@localhost/a' to='proxy.localhost'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='stats' sessionid='"
                + cmd.attributeValue("sessionid") + "'/></iq>");
        assertEquals("not-allowed", outcome(again), "XEP-0050 §4.3: a completed session has ended");
        IQ cancelled = proxy.iq("<iq type='set' id='c7' from='root@localhost/a' to='proxy.localhost'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='stats' action='cancel'/></iq>");
        assertEquals("canceled", cancelled.getChildElement().attributeValue("status"));
    }
}
