package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import im.satellite.core.testkit.host.HostServerSpec;
import im.satellite.core.testkit.host.TestClients;
import java.io.IOException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;

/**
 * Every MUC flow of {@link AbstractMucIT} again, with groupchat fan-out through the host server's XEP-0033
 * multicast service ({@code multicast:} in Satellite's config): Satellite sends one stanza per message with the
 * occupants as bcc addresses, and the server delivers the copies. The link runs through a {@link LinkProxy} that
 * counts the {@code <addresses/>} elements Satellite sends, so the tests see that the multicast path was taken.
 */
abstract class AbstractMulticastMucIT extends AbstractMucIT {
    static final String ADDRESS = "http://jabber.org/protocol/address";

    static HostServerSpec multicastSpec() {
        return HostServerSpec.builder().component(MUC, SECRET).satelliteMulticast(true).build();
    }

    @Override
    String satelliteYaml() throws IOException {
        return satelliteYamlWith(", multicast: " + multicastSpec().multicastService(server().kind())
                + ", multicast-max-addresses: 2");
    }

    @Override
    boolean throughLinkProxy() {
        return true;
    }

    @Test
    void groupchatReachesEveryOccupantOnceThroughTheMulticastService() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestNoHistory().build());
        XMPPTCPConnection third = TestClients.connectNewUser(server(), "third" + System.nanoTime() % 100_000);
        MultiUserChat t = muc(third, room);
        t.join(t.getEnterConfigurationBuilder(nick("Third")).requestNoHistory().build());
        awaitOccupants(o, 3);
        long before = linkProxy().multicastStanzasSent();
        for (int i = 0; i < 20; i++) {
            g.sendMessage("line " + i);
        }
        for (MultiUserChat m : new MultiUserChat[] {o, g, t}) {
            for (int i = 0; i < 20; i++) {
                Message msg = nextBody(m);
                assertEquals("line " + i, msg.getBody(), "each occupant gets every message once, in order");
                assertEquals(room + "/Guest", msg.getFrom().toString());
                assertNull(msg.getExtensionElement("addresses", ADDRESS), "the bcc list is not shown to anyone");
            }
            assertNull(m.nextMessage(300), "and nothing twice");
        }
        // Three occupants, at most two addresses per stanza: two multicast stanzas per message.
        assertEquals(40, linkProxy().multicastStanzasSent() - before, "the messages went out as XEP-0033 stanzas");
        t.leave();
        third.disconnect();
        g.leave();
        o.leave();
    }
}
