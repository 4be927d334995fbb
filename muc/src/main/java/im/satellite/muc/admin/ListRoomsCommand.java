package im.satellite.muc.admin;

import im.satellite.core.adhoc.AdHocRequest;
import im.satellite.core.adhoc.AdHocStage;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomListing;
import im.satellite.muc.store.RoomStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dom4j.Element;

/**
 * Lists every room, hidden and locked ones included, with its occupant count: the first stage asks how many per
 * page and an optional filter; then one page at a time (a result form, XEP-0004 §3.4) with {@code next},
 * {@code prev} and {@code complete}, or completed at once when all fit on one page. Runs on the host lane and reads
 * only the rooms' published snapshots and the store (CONCURRENCY.md).
 */
final class ListRoomsCommand extends AdminCommand {
    static final int DEFAULT_PAGE = 50;
    private final RoomStore store;

    ListRoomsCommand(Admin admin, RoomStore store) {
        super(admin);
        this.store = store;
    }

    @Override
    public String node() {
        return "list-rooms";
    }

    @Override
    public String name() {
        return "List rooms";
    }

    @Override
    public AdHocStage execute(Void target, AdHocRequest r) {
        Map<String, Object> s = r.data();
        if (r.stage() == 0 && !r.submitted()) {
            Element x = form("form", "List rooms", "Leave the filter empty to list every room.");
            field(x, "max", "text-single", "Rooms per page", false, Integer.toString(DEFAULT_PAGE));
            field(x, "filter", "text-single", "Only rooms whose address or name contains", false);
            return AdHocStage.executing(x, "next", "next");
        }
        if (!s.containsKey("page")) {
            s.put("max", parseMax(r.value("max")));
            s.put("filter", r.value("filter") == null ? "" : r.value("filter").toLowerCase(Locale.ROOT));
            s.put("page", 0);
        } else if (r.action().equals("complete")) {
            return AdHocStage.completed(null);
        } else {
            s.put("page", (int) s.get("page") + (r.action().equals("prev") ? -1 : 1));
        }
        int max = (int) s.get("max");
        int page = (int) s.get("page");
        List<Row> rows = rows((String) s.get("filter"));
        int from = Math.min(page * max, rows.size());
        int to = Math.min(from + max, rows.size());
        Element x = form("result", "Rooms " + (rows.isEmpty() ? 0 : from + 1) + "-" + to + " of " + rows.size(),
                null);
        Element reported = x.addElement("reported");
        reported.addElement("field").addAttribute("var", "jid").addAttribute("label", "Room")
                .addAttribute("type", "jid-single");
        reported.addElement("field").addAttribute("var", "name").addAttribute("label", "Name")
                .addAttribute("type", "text-single");
        reported.addElement("field").addAttribute("var", "occupants").addAttribute("label", "Occupants")
                .addAttribute("type", "text-single");
        for (Row row : rows.subList(from, to)) {
            Element item = x.addElement("item");
            item.addElement("field").addAttribute("var", "jid").addElement("value").setText(row.jid());
            item.addElement("field").addAttribute("var", "name").addElement("value").setText(row.name());
            item.addElement("field").addAttribute("var", "occupants").addElement("value")
                    .setText(Integer.toString(row.occupants()));
        }
        boolean more = to < rows.size();
        if (page == 0 && !more) {
            return AdHocStage.completed(x);
        }
        List<String> actions = new ArrayList<>();
        if (page > 0) {
            actions.add("prev");
        }
        if (more) {
            actions.add("next");
        }
        actions.add("complete");
        return AdHocStage.executing(x, more ? "next" : "complete", actions.toArray(String[]::new));
    }

    private static int parseMax(String v) {
        if (v == null) {
            return DEFAULT_PAGE;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw AdHocRequest.badPayload("rooms per page must be a number from 1 to 1000");
    }

    private record Row(String jid, String name, int occupants) {
    }

    /** Stored rooms and rooms in memory, by JID; occupant counts from each loaded room's published snapshot. */
    private List<Row> rows(String filter) {
        TreeMap<String, Row> all = new TreeMap<>();
        for (RoomListing l : store.all()) {
            all.put(l.jid(), new Row(l.jid(), l.name() == null ? "" : l.name(), 0));
        }
        for (Room room : admin.registry().loaded()) {
            RoomListing l = room.listing();
            all.put(l.jid(), new Row(l.jid(), l.name() == null ? "" : l.name(), room.occupantCountSnapshot()));
        }
        List<Row> out = new ArrayList<>();
        for (Row row : all.values()) {
            if (filter.isEmpty() || row.jid().contains(filter) || row.name().toLowerCase(Locale.ROOT)
                    .contains(filter)) {
                out.add(row);
            }
        }
        return out;
    }
}
