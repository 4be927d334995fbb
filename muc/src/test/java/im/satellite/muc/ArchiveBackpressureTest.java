package im.satellite.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.satellite.muc.store.ArchiveWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.Packet;

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
            h.createInstantRoom(ROOM);

            commits.close();
            int n = ArchiveWriter.DEFAULT_HIGH_WATER + 1;
            try {
                for (int i = 0; i < n; i++) {
                    h.send(MucHarness.ownerSays(ROOM, "m" + i, "line " + i));
                }
                assertEquals(List.of(), h.takeWithoutWriter(), "nothing goes out before its commit");
                assertEquals(List.of(true), h.pressure(), "the service asked the link to stop reading");
            } finally {
                commits.open(); // else closing the harness would wait for the writer in vain
            }
            List<Packet> sent = h.take();
            assertEquals(n, sent.size());
            for (int i = 0; i < n; i++) {
                assertEquals("m" + i, sent.get(i).getID(), "every held message, in order");
            }
            assertEquals(List.of(true, false), h.pressure(), "and reading resumes");
        }
    }
}
