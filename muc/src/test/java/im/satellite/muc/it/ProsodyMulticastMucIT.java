package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaIdFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The MUC flows through a real Prosody loading Satellite's {@code mod_satellite_multicast}
 * ({@code conf/prosody/modules}), with Satellite's {@code multicast:} set to the server's domain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProsodyMulticastMucIT extends AbstractMulticastMucIT {
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(multicastSpec());

    @Override
    HostServer server() {
        return PROSODY.server();
    }

    @Test
    void aClientMayNotUseTheMulticastModule() throws Exception {
        Message spam = new Message();
        spam.setTo(JidCreate.domainBareFrom(server().domain()));
        spam.setBody("one message for many");
        spam.addExtension(StandardExtensionElement.builder("addresses", ADDRESS)
                .addElement(StandardExtensionElement.builder("address", ADDRESS)
                        .addAttribute("type", "bcc").addAttribute("jid", guest.getUser().toString()).build())
                .build());
        try (StanzaCollector atGuest = guest.createStanzaCollector(MessageWithBodiesFilter.INSTANCE);
             StanzaCollector reply = owner.createStanzaCollectorAndSend(new StanzaIdFilter(spam.getStanzaId()), spam)) {
            Stanza error = reply.nextResult(NEXT);
            assertNotNull(error, "the sender is told");
            assertEquals(StanzaError.Condition.forbidden, error.getError().getCondition());
            assertNull(atGuest.nextResult(500), "and nobody receives the message");
        }
    }
}
