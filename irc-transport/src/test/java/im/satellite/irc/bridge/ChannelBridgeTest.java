package im.satellite.irc.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.testkit.CapturingOutbound;
import im.satellite.irc.protocol.CaseMapping;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/** What the XMPP user sees of an IRC channel: XEP-0045 §7.2.3 join order, §7.6 nick changes, §8.4 kicks, roles. */
class ChannelBridgeTest {
    private final CapturingOutbound out = new CapturingOutbound();
    private final JID user = new JID("romeo@localhost/pc");
    private final ChannelBridge ch = new ChannelBridge("#Chan", new JID("#chan%net@gw"), out, CaseMapping.RFC1459);

    private static String codes(Packet p) {
        StringBuilder sb = new StringBuilder();
        Element x = p.getElement().element("x");
        if (x != null) {
            for (Element s : x.elements("status")) {
                sb.append(sb.length() == 0 ? "" : ",").append(s.attributeValue("code"));
            }
        }
        return sb.toString();
    }

    private static String item(Packet p, String attr) {
        return p.getElement().element("x").element("item").attributeValue(attr);
    }

    private void joined() {
        ch.addWaiting(user, "romeo", "join-1");
        ch.selfJoined();
        ch.name("Owner", "q");
        ch.name("op", "o");
        ch.name("half", "h");
        ch.name("voiced", "v");
        ch.name("romeo", "");
        ch.topic("the topic", "op");
        ch.namesComplete("romeo");
    }

    @Test
    void joinShowsOccupantsThenSelfThenSubjectWithRolesFromPrefixes() {
        joined();
        List<Packet> sent = out.drain();
        assertEquals(6, sent.size());
        assertEquals("#chan%net@gw/Owner", sent.get(0).getFrom().toString());
        assertEquals("owner", item(sent.get(0), "affiliation"));
        assertEquals("moderator", item(sent.get(0), "role"));
        assertEquals("admin", item(sent.get(1), "affiliation"));
        assertEquals("moderator", item(sent.get(1), "role"));
        assertEquals("member", item(sent.get(2), "affiliation"));
        assertEquals("moderator", item(sent.get(2), "role"));
        assertEquals("member", item(sent.get(3), "affiliation"));
        assertEquals("participant", item(sent.get(3), "role"));
        assertEquals("#chan%net@gw/romeo", sent.get(4).getFrom().toString());
        assertEquals("110", codes(sent.get(4)));
        assertEquals("the topic", sent.get(5).getElement().elementText("subject"));
        assertEquals("#chan%net@gw/op", sent.get(5).getFrom().toString());
        assertTrue(sent.stream().allMatch(p -> user.equals(p.getTo())));
    }

    @Test
    void aDifferentNickThanAskedForCarries210() {
        ch.addWaiting(user, "romeo", "join-1");
        ch.selfJoined();
        ch.name("romeo_", "");
        ch.namesComplete("romeo_");
        assertEquals("110,210", codes(out.drain().get(0)));
    }

    @Test
    void nickChangesKicksAndModes() {
        joined();
        out.drain();
        assertTrue(ch.renamed("OP", "newop", false), "case mapping finds the occupant");
        List<Packet> nick = out.drain();
        assertEquals("303", codes(nick.get(0)));
        assertEquals("newop", item(nick.get(0), "nick"));
        assertEquals("unavailable", nick.get(0).getElement().attributeValue("type"));
        assertEquals("#chan%net@gw/newop", nick.get(1).getFrom().toString());
        assertEquals("admin", item(nick.get(1), "affiliation"), "modes survive a nick change");

        ch.mode("voiced", 'o', true, false);
        Packet op = out.drain().get(0);
        assertEquals("moderator", item(op, "role"));
        ch.mode("voiced", 'v', false, false);
        assertTrue(out.drain().isEmpty(), "losing voice while op changes nothing visible");

        ch.left("half", false, 307);
        Packet kick = out.drain().get(0);
        assertEquals("307", codes(kick));
        assertEquals("none", item(kick, "role"));

        ch.left("romeo", true, 307);
        assertEquals("307,110", codes(out.drain().get(0)));
        assertTrue(ch.resources().isEmpty());
    }

    @Test
    void joinErrorsComeFromTheAskedOccupantJidWithTheJoinPresenceId() {
        ch.addWaiting(user, "Romeo", "join-7");
        Packet err = ch.joinError(user, "romeo_", "forbidden", org.xmpp.packet.PacketError.Type.auth, "banned");
        assertEquals("#chan%net@gw/Romeo", err.getFrom().toString());
        assertEquals("join-7", err.getID());
        assertEquals("error", err.getElement().attributeValue("type"));
        assertEquals("#chan%net@gw", err.getElement().element("error").attributeValue("by"));
    }

    @Test
    void ownNickChangeCarries110() {
        joined();
        out.drain();
        ch.renamed("romeo", "romeo2", true);
        List<Packet> sent = out.drain();
        assertEquals("303,110", codes(sent.get(0)));
        assertEquals("110", codes(sent.get(1)));
    }
}
