package im.satellite.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * A graceful shutdown while a message waits for its archive commit: the message and then the goodbye (status 332)
 * still go out before the runtime stops the lanes. The commits are held back by hand and let go while stop() runs.
 */
class ShutdownTest {
    private static final String ROOM = "coven@" + MucHarness.SERVICE;

    @TempDir
    Path dir;

    @Test
    void aMessageStillQueuedAtShutdownAndTheGoodbyeGoOutBeforeTheLanesStop() throws Exception {
        HeldCommits commits = new HeldCommits();
        try (MucHarness h = new MucHarness(dir, "", true, commits::wrap)) {
            h.createInstantRoom(ROOM);

            // The message is still queued on the room's lane when stop() begins (the lane is held up), so it is
            // handed to the archive only after stop() has queued the goodbyes; its commit comes later still.
            commits.close();
            java.util.concurrent.CountDownLatch lane = new java.util.concurrent.CountDownLatch(1);
            h.onLane(ROOM, () -> {
                try {
                    lane.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            h.send(MucHarness.ownerSays(ROOM, "m1", "last words"));
            Thread opener = new Thread(() -> {
                try {
                    Thread.sleep(200);
                    lane.countDown();
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                commits.open();
            });
            opener.start();
            List<Packet> sent;
            try {
                sent = h.stopAsTheRuntimeDoes();
            } finally {
                lane.countDown();
                commits.open();
                opener.join();
            }
            assertEquals(2, sent.size(), "the held message, then the goodbye: " + sent);
            assertEquals("m1", sent.get(0).getID(), "the held message first");
            assertTrue(sent.get(1) instanceof Presence p && p.getType() == Presence.Type.unavailable
                    && p.toXML().contains("code=\"332\""), "then unavailable with 332: " + sent.get(1));
        }
    }
}
