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
        }
    }
}
