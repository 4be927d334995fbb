package im.satellite.muc.admin;

import im.satellite.core.adhoc.AdHocCommand;
import im.satellite.core.adhoc.AdHocRequest;
import im.satellite.core.adhoc.AdHocStage;
import im.satellite.core.exec.KeyedSerialExecutor;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * What the service admins' commands share: only service admins may run them (XEP-0050 §2.2 lists them to nobody
 * else), room addresses are read from forms, and work on a room runs on that room's lane (CONCURRENCY.md), the
 * command's answer waiting for it.
 */
abstract class AdminCommand implements AdHocCommand<Void> {
    final Admin admin;

    AdminCommand(Admin admin) {
        this.admin = admin;
    }

    /**
     * The shared dependencies.
     *
     * @param service  the MUC service's JID
     * @param admins   service admins' lower-cased bare JIDs
     * @param registry the rooms
     * @param lanes    the component's lanes, keyed like the runtime's (lower-cased bare room JID)
     */
    record Admin(JID service, Set<String> admins, RoomRegistry registry, KeyedSerialExecutor lanes) {
    }

    @Override
    public boolean allowed(Void target, JID requester) {
        return requester != null && admin.admins().contains(requester.toBareJID().toLowerCase(Locale.ROOT));
    }

    /** A room's address from a form field: {@code room@service}, or just {@code room}. */
    JID roomJid(AdHocRequest r, String var) {
        String v = r.required(var);
        JID j;
        try {
            j = v.contains("@") ? new JID(v) : new JID(v, admin.service().getDomain(), null);
        } catch (IllegalArgumentException e) {
            throw AdHocRequest.badPayload("not a room address: " + v);
        }
        if (j.getNode() == null || !j.getDomain().equalsIgnoreCase(admin.service().getDomain())) {
            throw AdHocRequest.badPayload("not a room of " + admin.service() + ": " + v);
        }
        return new JID(Room.key(j));
    }

    /** A JID from a form field, or null when the field is empty and optional. */
    static JID jid(AdHocRequest r, String var, boolean required) {
        String v = required ? r.required(var) : r.value(var);
        if (v == null) {
            return null;
        }
        try {
            return new JID(v);
        } catch (IllegalArgumentException e) {
            throw AdHocRequest.badPayload("not a valid address: " + v);
        }
    }

    /**
     * Runs {@code work} on the room's lane (loading the room if stored), in the room's turn: behind any message held
     * for its archive commit, as a stanza to the room would (RoomOutbox); a room that does not exist fails.
     */
    AdHocStage onRoom(JID room, Function<Room, AdHocStage> work) {
        CompletableFuture<AdHocStage> f = new CompletableFuture<>();
        admin.lanes().execute(Room.key(room), () -> {
            try {
                Room found = admin.registry().find(room).filter(r -> !r.destroyed()).orElse(null);
                if (found == null) {
                    f.complete(AdHocStage.failed("There is no room " + room + "."));
                    return;
                }
                found.outbox().inTurn(() -> {
                    try {
                        f.complete(found.destroyed() ? AdHocStage.failed("There is no room " + room + ".")
                                : work.apply(found));
                    } catch (RuntimeException e) {
                        f.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return AdHocStage.later(f);
    }

    /** A new XEP-0004 form of {@code type} with a title and instructions. */
    static Element form(String type, String title, String instructions) {
        Element x = Elements.create("x", Namespaces.DATA_FORMS).addAttribute("type", type);
        x.addElement("title").setText(title);
        if (instructions != null) {
            x.addElement("instructions").setText(instructions);
        }
        return x;
    }

    /** Adds a field; {@code required} adds XEP-0004's {@code <required/>}. */
    static Element field(Element x, String var, String type, String label, boolean required, String... values) {
        Element f = x.addElement("field").addAttribute("var", var).addAttribute("type", type)
                .addAttribute("label", label);
        if (required) {
            f.addElement("required");
        }
        for (String v : List.of(values)) {
            f.addElement("value").setText(v);
        }
        return f;
    }
}
