package im.satellite.muc.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.testkit.CapturingOutbound;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/** The group commit's ordering rules (see CONCURRENCY.md), without threads: holds are released by hand. */
class RoomOutboxTest {
    private final CapturingOutbound out = new CapturingOutbound();
    private final RoomOutbox box = new RoomOutbox(out);
    private static final JID ROMEO = new JID("romeo@localhost/orchard");

    private static Message msg(String body) {
        Message m = new Message();
        m.setTo(ROMEO);
        m.setBody(body);
        return m;
    }

    private List<String> sent() {
        List<String> bodies = new ArrayList<>();
        for (Packet p : out.drain()) {
            bodies.add(((Message) p).getBody());
        }
        return bodies;
    }

    @Test
    void sendsAtOnceWhileNothingIsHeld() {
        box.send(msg("a"));
        assertEquals(List.of("a"), sent());
        assertFalse(box.busy());
        assertFalse(box.mustDefer(false));
    }

    @Test
    void everythingAfterAHoldWaitsForItsCommitInOrder() {
        RoomOutbox.Hold first = box.hold(() -> box.send(msg("m1")), () -> box.send(msg("failed1")));
        box.send(msg("presence"));
        RoomOutbox.Hold second = box.hold(() -> box.send(msg("m2")), () -> box.send(msg("failed2")));
        box.send(msg("after"));
        assertEquals(List.of(), sent(), "nothing leaves before the first commit");
        assertTrue(box.mustDefer(false), "an IQ or presence must wait");
        assertFalse(box.mustDefer(true), "a groupchat message may be handled at once");
        box.released(second, true);
        assertEquals(List.of(), sent(), "a later commit does not overtake an earlier hold");
        box.released(first, true);
        assertEquals(List.of("m1", "presence", "m2", "after"), sent());
        assertFalse(box.busy());
    }

    @Test
    void aFailedCommitSendsTheFailureInstead() {
        RoomOutbox.Hold h = box.hold(() -> box.send(msg("m1")), () -> box.send(msg("error to sender")));
        box.send(msg("next"));
        box.released(h, false);
        assertEquals(List.of("error to sender", "next"), sent());
    }

    @Test
    void deferredStanzasRunInTurnAndGroupchatWaitsBehindThem() {
        RoomOutbox.Hold h = box.hold(() -> box.send(msg("m1")), () -> { });
        box.defer(() -> box.send(msg("iq result")));
        assertTrue(box.mustDefer(true), "a groupchat message now waits behind the deferred stanza");
        List<RoomOutbox.Hold> later = new ArrayList<>();
        box.defer(() -> later.add(box.hold(() -> box.send(msg("m2")), () -> { })));
        box.defer(() -> box.send(msg("last")));
        box.released(h, true);
        assertEquals(List.of("m1", "iq result"), sent(), "the deferred groupchat message holds again");
        box.released(later.get(0), true);
        assertEquals(List.of("m2", "last"), sent());
        assertFalse(box.busy());
    }

    @Test
    void inTurnRunsNowWhenNothingIsHeld() {
        List<String> ran = new ArrayList<>();
        box.inTurn(() -> ran.add("now"));
        assertEquals(List.of("now"), ran);
        RoomOutbox.Hold h = box.hold(() -> ran.add("commit"), () -> { });
        box.inTurn(() -> ran.add("after the commit"));
        assertEquals(List.of("now"), ran);
        box.released(h, true);
        assertEquals(List.of("now", "commit", "after the commit"), ran);
    }
}
