package im.satellite.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * STYLE 7.3: each broadcast is built and serialised once per variant; only {@code to} differs between copies. A
 * groupchat message is one broadcast; an occupant's presence goes out as at most three variants (with real JIDs for
 * moderators, without for the others, and the self-presence).
 */
class BroadcastOnceTest {
    @TempDir
    Path dir;

    private static Presence join(String user, String nick) {
        Presence p = new Presence();
        p.setFrom(user + "@localhost/r");
        p.setTo("coven@" + MucHarness.SERVICE + "/" + nick);
        p.addChildElement("x", "http://jabber.org/protocol/muc");
        return p;
    }

    @Test
    void messagesAndPresencesAreBroadcastOncePerVariant() throws Exception {
        try (MucHarness h = new MucHarness(dir, "")) {
            h.send(join("owner", "Owner"));
            h.take();
            org.xmpp.packet.IQ iq = new org.xmpp.packet.IQ(org.xmpp.packet.IQ.Type.set);
            iq.setFrom("owner@localhost/r");
            iq.setTo("coven@" + MucHarness.SERVICE);
            iq.setChildElement("query", "http://jabber.org/protocol/muc#owner").addElement("x", "jabber:x:data")
                    .addAttribute("type", "submit");
            h.send(iq);
            for (int i = 0; i < 10; i++) {
                h.send(join("user" + i, "U" + i));
            }
            h.take();
            h.takeBroadcasts();

            Message m = new Message();
            m.setType(Message.Type.groupchat);
            m.setFrom("user3@localhost/r");
            m.setTo("coven@" + MucHarness.SERVICE);
            m.setBody("hello");
            h.send(m);
            List<Packet> sent = h.take();
            assertEquals(11, sent.size(), "every occupant gets the message");
            assertEquals(List.of(11), h.takeBroadcasts(), "one broadcast call with all 11 recipients");

            h.send(join("late", "Late"));
            h.take();
            assertEquals(List.of(1, 10, 1), h.takeBroadcasts(),
                    "the newcomer's presence: one variant for the moderator (with JID), one for the 10 others,"
                            + " one self-presence; existing occupants' presences go to the newcomer one by one");

            // A ghost removed after a bounce (status 333): one variant per kind of viewer, none to the gone session.
            Message bounce = new Message();
            bounce.setType(Message.Type.error);
            bounce.setFrom("user5@localhost/r");
            bounce.setTo("coven@" + MucHarness.SERVICE + "/U3");
            bounce.getElement().addElement("error").addAttribute("type", "cancel")
                    .addElement("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas");
            h.send(bounce);
            assertEquals(11, h.take().size(), "the 11 others see the ghost leave");
            assertEquals(List.of(1, 10), h.takeBroadcasts(), "with the JID for the moderator, without for the rest");

            // A room avatar: the 104 notice and the room's XEP-0153 presence are one broadcast each.
            org.xmpp.packet.IQ vcard = new org.xmpp.packet.IQ(org.xmpp.packet.IQ.Type.set);
            vcard.setFrom("owner@localhost/r");
            vcard.setTo("coven@" + MucHarness.SERVICE);
            vcard.setChildElement("vCard", "vcard-temp").addElement("PHOTO").addElement("BINVAL").setText("AAAA");
            h.send(vcard);
            assertEquals(1 + 11 + 11, h.take().size(), "the result, then the notice and the presence to all 11");
            assertEquals(List.of(11, 11), h.takeBroadcasts(), "two broadcasts, each serialised once");
        }
    }
}
