package im.satellite.muc.admin;

import im.satellite.core.adhoc.AdHocRequest;
import im.satellite.core.adhoc.AdHocStage;
import im.satellite.muc.room.Room;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.xmpp.packet.Message;

/**
 * Sends an announcement to every room that has occupants: a groupchat message from the room's own JID (as the room's
 * notices are, XEP-0045 §7.2.16), to every occupant session, built on each room's lane. Rooms not in memory have no
 * occupants, so only loaded rooms are visited. Announcements are not kept in the rooms' history.
 */
final class AnnounceCommand extends AdminCommand {
    AnnounceCommand(Admin admin) {
        super(admin);
    }

    @Override
    public String node() {
        return "announce";
    }

    @Override
    public String name() {
        return "Announce to all rooms";
    }

    @Override
    public AdHocStage execute(Void target, AdHocRequest r) {
        if (!r.submitted()) {
            Element x = form("form", "Announce to all rooms", "Every occupant of every room receives this message.");
            field(x, "body", "text-multi", "Message", true);
            return AdHocStage.executing(x, "complete", "complete");
        }
        List<String> lines = r.form().getOrDefault("body", List.of());
        String body = String.join("\n", lines).strip();
        if (body.isEmpty()) {
            throw AdHocRequest.badPayload("the message is empty");
        }
        List<CompletableFuture<Integer>> sent = new ArrayList<>();
        for (Room room : admin.registry().loaded()) {
            CompletableFuture<Integer> f = new CompletableFuture<>();
            sent.add(f);
            admin.lanes().execute(Room.key(room.jid()), () -> {
                try {
                    f.complete(announce(room, body));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        }
        return AdHocStage.later(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(v -> {
            long rooms = sent.stream().filter(f -> f.join() > 0).count();
            return AdHocStage.done("Sent to " + rooms + " room(s).");
        }));
    }

    /** On the room's lane: the message to its occupants; the number of sessions reached. */
    private static int announce(Room room, String body) {
        if (room.destroyed() || room.occupantCount() == 0) {
            return 0;
        }
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(room.jid());
        m.setBody(body);
        List<org.xmpp.packet.JID> to = room.allSessions();
        room.broadcast(m, to);
        return to.size();
    }
}
