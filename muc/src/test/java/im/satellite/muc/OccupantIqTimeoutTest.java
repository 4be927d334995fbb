package im.satellite.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * XEP-0045 §17.4: an IQ forwarded to an occupant that never answers is answered to the requester, with its original
 * id, as recipient-unavailable once {@code occupant-iq-timeout} has passed (every IQ gets one response).
 */
class OccupantIqTimeoutTest {
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
    void anUnansweredForwardedIqIsAnsweredRecipientUnavailable() throws Exception {
        try (MucHarness h = new MucHarness(dir, "occupant-iq-timeout: 1s\nfeatures: [name]")) {
            h.send(join("owner", "Owner"));
            h.send(join("guest", "Guest"));
            h.take();
            IQ ping = new IQ(IQ.Type.get, "p1");
            ping.setFrom("guest@localhost/r");
            ping.setTo("coven@" + MucHarness.SERVICE + "/Owner");
            ping.setChildElement("ping", "urn:xmpp:ping");
            h.send(ping);
            // The timeout may fire before take() returns on a busy machine: collect until the answer is there.
            List<Packet> out = new ArrayList<>(h.take());
            IQ answer = null;
            for (int i = 0; i < 200 && answer == null; i++) {
                for (Packet p : out) {
                    if (p instanceof IQ iq && "p1".equals(iq.getID())) {
                        answer = iq;
                    }
                }
                if (answer == null) {
                    Thread.sleep(25);
                    out.addAll(h.take());
                }
            }
            assertEquals("owner@localhost/r", out.get(0).getTo().toString(), "the request went to the owner first");
            assertNotNull(answer, "the requester got an answer");
            assertEquals(IQ.Type.error, answer.getType());
            assertEquals("guest@localhost/r", answer.getTo().toString());
            assertEquals("coven@" + MucHarness.SERVICE + "/Owner", answer.getFrom().toString());
            assertEquals(PacketError.Condition.recipient_unavailable, answer.getError().getCondition());
        }
    }
}
