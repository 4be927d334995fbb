package im.satellite.muc.feature;

import im.satellite.core.xml.Namespaces;
import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.RoomHistory;
import im.satellite.muc.room.RoomKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.dom4j.Element;
import org.xmpp.packet.Message;

/**
 * XEP-0045 §7.2.15 discussion history: messages with a body are recorded as broadcast; an entering session gets
 * the stored messages its {@code <history maxchars maxstanzas seconds since/>} asks for (at most
 * {@code muc#maxhistoryfetch}), each with an XEP-0203 delay stamp, before the subject.
 */
public final class HistoryFeature implements RoomFeature {
    public static final RoomKey<Integer> MAX_FETCH = RoomKey.integer("max_history_fetch", 20);

    @Override
    public String name() {
        return "history";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().text(ConfigOrder.HISTORY, "muc#maxhistoryfetch",
                "Maximum Number of History Messages Returned by Room", Integer.toString(e.room().get(MAX_FETCH))));
        on.configField("muc#maxhistoryfetch", e -> {
            try {
                int n = Integer.parseInt(e.value());
                if (n >= 0) {
                    e.update(MAX_FETCH, n);
                    return HookResult.CONTINUE;
                }
            } catch (NumberFormatException ignored) {
                // refused below
            }
            return Features.notAcceptable(e.var());
        });
        on.broadcastMessage(e -> {
            if (e.message().getBody() != null) {
                e.room().history().add(e.message(), e.room().services().clock().instant());
            }
        });
        on.sessionNew(10, e -> {
            RoomHistory.Request r = request(e.join(), e.room().get(MAX_FETCH));
            String stamp;
            for (RoomHistory.Entry entry : e.room().history().select(r, e.room().services().clock().instant())) {
                Message m = entry.message().createCopy();
                m.setTo(e.session());
                stamp = DateTimeFormatter.ISO_INSTANT.format(entry.at().truncatedTo(ChronoUnit.MILLIS));
                m.getElement().addElement("delay", Namespaces.DELAY).addAttribute("from", e.room().jid().toString())
                        .addAttribute("stamp", stamp);
                e.room().send(m);
            }
        });
    }

    /** The limits asked for in {@code <x xmlns='…muc'><history …/></x>}, capped at the room's maximum. */
    static RoomHistory.Request request(Element join, int maxFetch) {
        Element h = join == null ? null : join.element("history");
        Integer maxstanzas = h == null ? null : integer(h.attributeValue("maxstanzas"));
        maxstanzas = maxstanzas == null ? maxFetch : Math.min(maxstanzas, maxFetch);
        if (h == null) {
            return new RoomHistory.Request(null, maxstanzas, null, null);
        }
        Integer secs = integer(h.attributeValue("seconds"));
        Instant since = null;
        if (h.attributeValue("since") != null) {
            try {
                since = Instant.parse(h.attributeValue("since"));
            } catch (DateTimeParseException e) {
                since = null;
            }
        }
        return new RoomHistory.Request(integer(h.attributeValue("maxchars")), maxstanzas,
                secs == null ? null : secs.longValue(), since);
    }

    private static Integer integer(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Math.max(0, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
