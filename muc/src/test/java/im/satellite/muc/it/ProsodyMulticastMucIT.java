package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.testkit.ComponentHandshake;
import im.satellite.core.testkit.host.HostServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
    /** An external component the module does not list (an admin forgot to). */
    static final String UNLISTED = "unlisted.localhost";
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(HostServerSpec.builder()
            .component(MUC, SECRET).component(UNLISTED, SECRET).multicastUnlisted(UNLISTED)
            .builtinMuc(BUILTIN_MUC).satelliteMulticast(true).build());

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
     * A component missing from {@code satellite_multicast_components} is told {@code forbidden} by the service (the
     * error Satellite's link watches for to go back to one stanza per recipient), and nobody gets the message.
     */
    @Test
    void anUnlistedComponentIsRefusedWithAnError() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server().componentPort(UNLISTED));
             StanzaCollector atGuest = guest.createStanzaCollector(MessageWithBodiesFilter.INSTANCE)) {
            s.setSoTimeout((int) NEXT);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            ComponentHandshake.perform(in, out, UNLISTED, SECRET);
            out.write(("<message from='room@" + UNLISTED + "/n' to='" + server().domain() + "' type='groupchat'"
                    + " id='mc1'><body>one message for many</body><addresses xmlns='" + ADDRESS + "'><address"
                    + " type='bcc' jid='" + guest.getUser() + "'/></addresses></message>")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder got = new StringBuilder();
            byte[] buf = new byte[4096];
            while (got.indexOf("</message>") < 0) {
                int n = in.read(buf);
                assertTrue(n > 0, "the server closed the stream: " + got);
                got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            String reply = got.toString();
            assertTrue(reply.matches("(?s).*<message[^>]*type=['\"]error['\"].*"), reply);
            assertTrue(reply.matches("(?s).*<message[^>]*from=['\"]" + server().domain() + "['\"].*"), reply);
            assertTrue(reply.contains("<forbidden"), reply);
            assertNull(atGuest.nextResult(500), "nobody receives the message");
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
