package im.satellite.muc.room;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * XEP-0421 occupant ids: base64 of HMAC-SHA256 over the room's and the user's bare JIDs (lower-cased, NUL-separated)
 * keyed with the service's stored secret. The same user gets the same id in a room whatever its nick or session,
 * across rejoins and restarts; another room, another id; nobody without the secret can compute or reverse it.
 * Thread-safe (a {@link Mac} per call).
 */
public final class OccupantIds {
    /** XEP-0421's namespace. */
    public static final String NS = "urn:xmpp:occupant-id:0";
    private static final QName ELEMENT = QName.get("occupant-id", NS);

    private final SecretKeySpec key;

    public OccupantIds(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The occupant id of {@code user} (any JID of the user) in {@code room}. */
    public String of(JID room, JID user) {
        String input = room.toBareJID().toLowerCase(Locale.ROOT) + '\0' + user.toBareJID().toLowerCase(Locale.ROOT);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }

    /** Removes any occupant-id element a client put in its stanza (XEP-0421 §4: the room's is the only one). */
    public static void strip(Packet p) {
        for (Element e : p.getElement().elements(ELEMENT)) {
            p.getElement().remove(e);
        }
    }

    /** Replaces any occupant-id in {@code p} by the occupant's. */
    public static void stamp(Packet p, Occupant o) {
        strip(p);
        p.getElement().addElement(ELEMENT).addAttribute("id", o.occupantId());
    }
}
