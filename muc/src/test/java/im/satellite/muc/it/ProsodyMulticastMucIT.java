package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import im.satellite.core.testkit.host.HostServerSpec;
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
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The MUC flows through a real Prosody loading Satellite's {@code mod_satellite_multicast}
 * ({@code conf/prosody/modules}), with Satellite's {@code multicast:} set to the server's domain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProsodyMulticastMucIT extends AbstractMulticastMucIT {
    static final String BUILTIN_MUC = "conference.localhost";
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(HostServerSpec.builder()
            .component(MUC, SECRET).builtinMuc(BUILTIN_MUC).satelliteMulticast(true).build());

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

    /**
     * Prosody's own components are not external components: its mod_muc forwards a mediated invitation whole to
     * the invitee, so an invitation "to" the server's domain carrying an address list must not be fanned out.
     */
    @Test
    void aBuiltinComponentCannotBeUsedToMulticast() throws Exception {
        EntityBareJid room = JidCreate.entityBareFrom("relay" + System.nanoTime() % 100_000 + "@" + BUILTIN_MUC);
        MultiUserChat o = MultiUserChatManager.getInstanceFor(owner).getMultiUserChat(room);
        o.create(nick("Owner")).makeInstant();
        Message invite = new Message();
        invite.setTo(room);
        invite.setBody("one message for many");
        invite.addExtension(StandardExtensionElement.builder("x", "http://jabber.org/protocol/muc#user")
                .addElement(StandardExtensionElement.builder("invite", "http://jabber.org/protocol/muc#user")
                        .addAttribute("to", server().domain()).build())
                .build());
        invite.addExtension(StandardExtensionElement.builder("addresses", ADDRESS)
                .addElement(StandardExtensionElement.builder("address", ADDRESS)
                        .addAttribute("type", "bcc").addAttribute("jid", guest.getUser().toString()).build())
                .build());
        try (StanzaCollector atGuest = guest.createStanzaCollector(MessageWithBodiesFilter.INSTANCE)) {
            owner.sendStanza(invite);
            assertNull(atGuest.nextResult(1500), "the guest receives nothing");
        }
        o.leave();
    }
}
