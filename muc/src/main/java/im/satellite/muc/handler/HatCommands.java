package im.satellite.muc.handler;

import im.satellite.core.adhoc.AdHocCommand;
import im.satellite.core.adhoc.AdHocRequest;
import im.satellite.core.adhoc.AdHocStage;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.element.StatusCode;
import im.satellite.muc.feature.Hats;
import im.satellite.muc.feature.HatsFeature;
import im.satellite.muc.room.Affiliation;
import im.satellite.muc.room.Notice;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.Room;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.BiFunction;
import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * The XEP-0317 ad-hoc commands on a room's JID, for its owners: create (or update), destroy and list hats, assign
 * and unassign them, list who wears which. Run on the room's lane. Every change to the hat list is announced with
 * status 104 (§3.2); wearers whose hats changed are seen again with their new {@code <hats/>} (§3.2-§3.5).
 */
public final class HatCommands {
    public static final String FORM_TYPE = "urn:xmpp:hats:commands";
    static final String PREFIX = "urn:xmpp:hats:commands:";
    /** Bounds on a room's hats, so one room's state stays small. */
    static final int MAX_HATS = 100;
    static final int MAX_WORN = 1000;

    private HatCommands() {
    }

    /** The six commands of XEP-0317 (create, destroy, list, assign, unassign, list-assigned). */
    public static List<AdHocCommand<Room>> all() {
        return List.of(
                cmd("create", "Create or update a hat", (room, r) -> {
                    if (!r.submitted()) {
                        Element x = form("Creating a Hat", "Fill out this form to create a hat.");
                        field(x, "hats#title", "text-single", "Hat Title", true);
                        field(x, "hats#uri", "text-single", "Hat URI", true);
                        field(x, "hats#hue", "text-single", "Hat Hue", false);
                        return AdHocStage.executing(x, "complete", "complete");
                    }
                    return create(room, r);
                }),
                cmd("destroy", "Destroy a hat", (room, r) -> {
                    if (!r.submitted()) {
                        Element x = form("Destroying a Hat", "Fill out this form to destroy a hat.");
                        options(room, field(x, "hat", "list-single", "The role", true));
                        return AdHocStage.executing(x, "complete", "complete");
                    }
                    String uri = chosen(r);
                    Hats before = hats(room);
                    known(before, uri);
                    update(room, before.destroy(uri), true);
                    return AdHocStage.done("The hat " + uri + " was destroyed.");
                }),
                cmd("list", "List hats", (room, r) -> AdHocStage.completed(list(room, false))),
                cmd("assign", "Assign a hat", (room, r) -> assign(room, r, true)),
                cmd("unassign", "Remove a hat", (room, r) -> assign(room, r, false)),
                cmd("list-assigned", "List assigned hats", (room, r) -> AdHocStage.completed(list(room, true))));
    }

    private static AdHocStage create(Room room, AdHocRequest r) {
        String title = r.required("hats#title").replaceAll("[\\t\\r\\n]", " ");
        String uri = uri(r.required("hats#uri"));
        String hue = r.value("hats#hue");
        if (hue != null) {
            try {
                double h = Double.parseDouble(hue);
                if (!(h >= 0 && h < 360)) {
                    throw AdHocRequest.badPayload("the hue is an angle from 0 to 360");
                }
            } catch (NumberFormatException e) {
                throw AdHocRequest.badPayload("the hue is an angle from 0 to 360");
            }
        }
        Hats before = hats(room);
        boolean update = before.hat(uri).isPresent();
        if (!update && before.defined().size() >= MAX_HATS) {
            throw AdHocRequest.badPayload("a room has at most " + MAX_HATS + " hats");
        }
        update(room, before.define(new Hats.Hat(uri, title, hue)), true);
        return AdHocStage.done((update ? "Updated" : "Created") + " the hat " + title + ".");
    }

    private static AdHocStage assign(Room room, AdHocRequest r, boolean on) {
        if (!r.submitted()) {
            Element x = form(on ? "Assigning a Hat" : "Removing a Hat",
                    "Fill out this form to " + (on ? "assign" : "remove") + " a hat.");
            field(x, "hats#jid", "jid-single", "User Address", true);
            options(room, field(x, "hat", "list-single", "The role", true));
            return AdHocStage.executing(x, "complete", "complete");
        }
        String user;
        try {
            user = Room.key(new JID(r.required("hats#jid")));
        } catch (IllegalArgumentException e) {
            throw AdHocRequest.badPayload("not a valid address");
        }
        String uri = chosen(r);
        Hats before = hats(room);
        known(before, uri);
        if (on && before.wornCount() >= MAX_WORN) {
            throw AdHocRequest.badPayload("at most " + MAX_WORN + " hats are worn in a room");
        }
        update(room, on ? before.assign(user, uri) : before.unassign(user, uri), false);
        return AdHocStage.done((on ? "Assigned " : "Removed ") + uri + (on ? " to " : " from ") + user + ".");
    }

    /** Stores the new hats and shows every occupant whose hats changed again; 104 when the list itself changed. */
    private static void update(Room room, Hats next, boolean listChanged) {
        Hats before = hats(room);
        room.state().set(HatsFeature.HATS, next);
        room.saveOptions();
        for (Occupant o : room.occupants()) {
            String user = Room.key(o.bareJid());
            if (!before.of(user).equals(next.of(user))) {
                room.broadcastPresence(o, o.presence(), Notice.available(), o.sessions());
            }
        }
        if (listChanged) {
            room.broadcastStatus(List.of(StatusCode.CONFIG_CHANGED));
        }
    }

    /**
     * The hat chosen in a submitted form: {@code hats#uri} (as the XEP's direct submissions send it) or {@code hat}.
     * Our forms offer the choice as a list-single {@code hat} (as the XEP's destroy form does), because XEP-0317
     * 0.3.1 types {@code hats#uri} text-single in its create form and registry but list-single in its assign form,
     * and clients that check one type per field and FORM_TYPE (Smack 4.4 drops its connection) cannot take both.
     */
    private static String chosen(AdHocRequest r) {
        return r.value("hats#uri") != null ? r.value("hats#uri") : r.required("hat");
    }

    private static Hats hats(Room room) {
        return room.get(HatsFeature.HATS);
    }

    private static void known(Hats hats, String uri) {
        if (hats.hat(uri).isEmpty()) {
            throw AdHocRequest.badPayload("the room has no hat " + uri);
        }
    }

    private static String uri(String s) {
        try {
            URI u = new URI(s);
            if (u.isAbsolute() && !s.matches(".*\\s.*")) {
                return s;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw AdHocRequest.badPayload("the hat's URI must be an absolute URI");
    }

    /** The §3.4 list (title, URI, hue) or the §3.6 list of assigned hats (JID, URI, title, hue). */
    private static Element list(Room room, boolean assigned) {
        Element x = Elements.create("x", Namespaces.DATA_FORMS).addAttribute("type", "result");
        x.addElement("title").setText(assigned ? "Assigned Hats List" : "Hats List");
        Element rep = x.addElement("reported");
        List<String> vars = assigned ? List.of("hats#jid", "hats#uri", "hats#title", "hats#hue")
                : List.of("hats#title", "hats#uri", "hats#hue");
        vars.forEach(v -> rep.addElement("field").addAttribute("var", v));
        Hats hats = hats(room);
        if (!assigned) {
            hats.defined().forEach(h -> item(x, vars, null, h));
        } else {
            hats.worn().keySet().stream().sorted().forEach(jid -> hats.of(jid).forEach(h -> item(x, vars, jid, h)));
        }
        return x;
    }

    private static void item(Element x, List<String> vars, String jid, Hats.Hat h) {
        Element item = x.addElement("item");
        for (String v : vars) {
            String value = switch (v) {
                case "hats#jid" -> jid;
                case "hats#uri" -> h.uri();
                case "hats#title" -> h.title();
                default -> h.hue() == null ? "" : h.hue();
            };
            item.addElement("field").addAttribute("var", v).addElement("value").setText(value);
        }
    }

    private static Element form(String title, String instructions) {
        Element x = Elements.create("x", Namespaces.DATA_FORMS).addAttribute("type", "form");
        x.addElement("title").setText(title);
        x.addElement("instructions").setText(instructions);
        x.addElement("field").addAttribute("type", "hidden").addAttribute("var", "FORM_TYPE")
                .addElement("value").setText(FORM_TYPE);
        return x;
    }

    private static Element field(Element x, String var, String type, String label, boolean required) {
        Element f = x.addElement("field").addAttribute("var", var).addAttribute("type", type)
                .addAttribute("label", label);
        if (required) {
            f.addElement("required");
        }
        return f;
    }

    private static void options(Room room, Element field) {
        for (Hats.Hat h : hats(room).defined()) {
            field.addElement("option").addAttribute("label", h.title()).addElement("value").setText(h.uri());
        }
    }

    private static AdHocCommand<Room> cmd(String name, String label, BiFunction<Room, AdHocRequest, AdHocStage> run) {
        return new AdHocCommand<>() {
            @Override
            public String node() {
                return PREFIX + name;
            }

            @Override
            public String name() {
                return label;
            }

            /** Owners manage hats (service admins are owners of every room). */
            @Override
            public boolean allowed(Room room, JID requester) {
                return requester != null && room.affiliation(requester) == Affiliation.OWNER;
            }

            @Override
            public AdHocStage execute(Room room, AdHocRequest request) {
                return run.apply(room, request);
            }
        };
    }
}
