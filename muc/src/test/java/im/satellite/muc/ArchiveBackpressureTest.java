package im.satellite.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.satellite.muc.store.ArchiveWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * The MUC service passes its archive writer's backpressure to the link: while the database stalls, past
 * {@link ArchiveWriter#DEFAULT_HIGH_WATER} waiting messages the service asks the link to stop reading from the
 * server; when the database moves again every held message goes out, in order, and reading resumes.
 */
class ArchiveBackpressureTest {
    private static final String ROOM = "busy@" + MucHarness.SERVICE;

    @TempDir
    Path dir;

    @Test
    void aStalledDatabasePausesReadingAndEveryHeldMessageStillGoesOut() throws Exception {
        HeldCommits commits = new HeldCommits();
        try (MucHarness h = new MucHarness(dir, "limits: {message-burst: 0}", true, commits::wrap)) {
            Presence join = new Presence();
            join.setFrom("owner@localhost/r");
            join.setTo(ROOM + "/Owner");
            join.addChildElement("x", "http://jabber.org/protocol/muc");
            h.send(join);
            IQ instant = new IQ(IQ.Type.set);
            instant.setFrom("owner@localhost/r");
            instant.setTo(ROOM);
            instant.setChildElement("query", "http://jabber.org/protocol/muc#owner").addElement("x", "jabber:x:data")
                    .addAttribute("type", "submit");
            h.send(instant);
            h.take();

            commits.close();
            int n = ArchiveWriter.DEFAULT_HIGH_WATER + 1;
            for (int i = 0; i < n; i++) {
                Message m = new Message();
                m.setType(Message.Type.groupchat);
                m.setFrom("owner@localhost/r");
                m.setTo(ROOM);
                m.setID("m" + i);
                m.setBody("line " + i);
                h.send(m);
            }
            assertEquals(List.of(), h.takeWithoutWriter(), "nothing goes out before its commit");
            assertEquals(List.of(true), h.pressure(), "the service asked the link to stop reading");

            commits.open();
            List<Packet> sent = h.take();
            assertEquals(n, sent.size());
            for (int i = 0; i < n; i++) {
                assertEquals("m" + i, sent.get(i).getID(), "every held message, in order");
            }
            assertEquals(List.of(true, false), h.pressure(), "and reading resumes");
        }
    }
}
