package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import java.io.IOException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.slf4j.LoggerFactory;

/**
 * The admin set {@code multicast:} but the Prosody has no multicast module: its disco#info does not list XEP-0033,
 * so Satellite sends one stanza per recipient (every flow of {@link AbstractMucIT} passes) and logs why. Without the
 * question, every groupchat message would go to the server's domain and be lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProsodyWithoutMulticastModuleIT extends AbstractMucIT {
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(spec());

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger linkLog = (Logger) LoggerFactory.getLogger("im.satellite.core.stream.ComponentLink");

    ProsodyWithoutMulticastModuleIT() {
        logs.start();
        linkLog.addAppender(logs);
    }

    @AfterAll
    void detachLog() {
        linkLog.detachAppender(logs);
    }

    @Override
    HostServer server() {
        return PROSODY.server();
    }

    @Override
    String satelliteYaml() throws IOException {
        return satelliteYamlWith(", multicast: " + server().domain());
    }

    @Override
    boolean throughLinkProxy() {
        return true;
    }

    @Test
    void groupchatGoesOneStanzaPerRecipientAndTheAdminIsTold() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestNoHistory().build());
        awaitOccupants(o, 2);
        for (int i = 0; i < 5; i++) {
            g.sendMessage("line " + i);
        }
        for (MultiUserChat m : new MultiUserChat[] {o, g}) {
            for (int i = 0; i < 5; i++) {
                Message msg = nextBody(m);
                assertEquals("line " + i, msg.getBody(), "every occupant gets every message");
            }
            assertNull(m.nextMessage(300), "and nothing twice");
        }
        assertEquals(0, linkProxy().multicastStanzasSent(), "nothing went to the missing service");
        assertTrue(logs.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains(server().domain() + " does not offer XEP-0033")),
                "the log says why: " + logs.list);
        g.leave();
        o.leave();
    }
}
