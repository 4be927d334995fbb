package im.satellite.muc.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.muc.HeldCommits;
import im.satellite.muc.MucHarness;
import im.satellite.muc.store.ArchiveStore;
import java.nio.file.Path;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * A service admin's command on a room runs in the room's turn: behind a message held for its archive commit. The
 * archive's commits are held back by hand here, so the command certainly arrives while the message is held.
 */
class AdminCommandOrderTest {
    private static final String ROOM = "coven@" + MucHarness.SERVICE;

    @TempDir
    Path dir;

    @Test
    void destroyingARoomWaitsForItsHeldMessageAndLeavesNoArchive() throws Exception {
        HeldCommits gate = new HeldCommits();
        try (MucHarness h = new MucHarness(dir, "admins: [boss@localhost]", true, s -> gate.wrap(s))) {
            try {
                run(h, gate);
            } finally {
                gate.open(); // else closing the harness would wait for the writer in vain
            }
        }
    }

    private static void run(MucHarness h, HeldCommits gate) {
        h.createInstantRoom(ROOM);

        gate.close();
        h.send(MucHarness.ownerSays(ROOM, "m1", "held"));
        IQ destroy = new IQ(IQ.Type.set);
        destroy.setID("d1");
        destroy.setFrom("boss@localhost/r");
        destroy.setTo(MucHarness.SERVICE);
        Element cmd = destroy.setChildElement("command", "http://jabber.org/protocol/commands");
        cmd.addAttribute("node", "destroy-room").addAttribute("action", "complete");
        Element x = cmd.addElement("x", "jabber:x:data").addAttribute("type", "submit");
        x.addElement("field").addAttribute("var", "room").addElement("value").setText(ROOM);
        h.send(destroy);
        List<Packet> early = h.takeWithoutWriter();
        assertTrue(early.isEmpty(), "nothing leaves while the message waits for its commit: " + early);

        gate.open();
        List<Packet> sent = h.take();
        assertEquals(3, sent.size(), "the message, the owner's destroy presence, the admin's result: " + sent);
        assertEquals("m1", sent.get(0).getID(), "the held message goes out first");
        assertTrue(sent.get(1) instanceof Presence p && p.getType() == Presence.Type.unavailable,
                "then the room is destroyed: " + sent.get(1));
        assertTrue(sent.get(2) instanceof IQ iq && "d1".equals(iq.getID()) && iq.getType() == IQ.Type.result,
                "then the admin is answered: " + sent.get(2));
        assertEquals(0, gate.store.count(new ArchiveStore.Filter("coven@muc.localhost", null, null, null, null,
                null, null, null)), "the destroyed room leaves no archived message behind");
    }
}
