package im.satellite.muc.feature;

import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.dom4j.Element;

/**
 * XEP-0317 hats: rooms advertise {@code urn:xmpp:hats:0} (and ad-hoc commands, with which owners manage hats), a
 * {@code hats#hash} of the hat URIs in {@code muc#roominfo} when the room has hats (§2), and an occupant's available
 * presence carries {@code <hats/>} with the hats its user wears (§3.1). The commands are in
 * {@code handler/HatCommands}.
 */
public final class HatsFeature implements RoomFeature {
    public static final String NS = "urn:xmpp:hats:0";
    public static final RoomKey<Hats> HATS = RoomKey.of("hats", Hats.NONE, Hats::parse, Hats::format);

    @Override
    public String name() {
        return "hats";
    }

    @Override
    public void register(RoomHooks on) {
        on.discoInfo(e -> {
            e.feature(NS);
            e.feature(Namespaces.COMMANDS);
            Hats hats = e.room().get(HATS);
            if (!hats.defined().isEmpty()) {
                e.form().text(30, "hats#hash", "Hats hash", hash(hats));
            }
        });
        on.buildPresence(e -> {
            if (e.unavailable()) {
                return;
            }
            List<Hats.Hat> worn = e.room().get(HATS).of(Room.key(e.occupant().bareJid()));
            if (!worn.isEmpty()) {
                Element hats = Elements.create("hats", NS);
                for (Hats.Hat h : worn) {
                    Element hat = hats.addElement("hat", NS).addAttribute("uri", h.uri())
                            .addAttribute("title", h.title());
                    if (h.hue() != null) {
                        hat.addAttribute("hue", h.hue());
                    }
                }
                e.presence().getElement().add(hats);
            }
        });
    }

    /** §2: "a unique hash based on the list of hats URIs": SHA-1 of the URIs, sorted, one per line. */
    static String hash(Hats hats) {
        StringBuilder sb = new StringBuilder();
        hats.defined().stream().map(Hats.Hat::uri).sorted().forEach(u -> sb.append(u).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
