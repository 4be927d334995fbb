package im.satellite.muc.element;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * XEP-0359 {@code <stanza-id xmlns='urn:xmpp:sid:0' by='room@service' id='…'/>}: the id a room gives every groupchat
 * message it broadcasts, which is also the message's XEP-0313 archive id. Ids are 128 random bits in unpadded
 * base64url (22 characters): unique and unguessable (§4: "MUST be unique … SHOULD be unpredictable").
 */
public final class StanzaId {
    public static final String ELEMENT = "stanza-id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StanzaId() {
    }

    /** A fresh id. */
    public static String next() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Sets the room's stanza id on {@code m}. §3.1: a stanza-id whose {@code by} is the room was forged by the sender
     * and is removed; ids claimed by other entities are left alone (they say nothing about this room).
     */
    public static void stamp(Message m, JID room, String id) {
        strip(m, room);
        m.getElement().addElement(ELEMENT, MucNs.SID).addAttribute("by", room.toBareJID()).addAttribute("id", id);
    }

    /** Removes every stanza-id that claims to be by {@code room}. */
    public static void strip(Message m, JID room) {
        for (Element e : List.copyOf(m.getElement().elements(ELEMENT))) {
            if (MucNs.SID.equals(e.getNamespaceURI()) && room.toBareJID().equalsIgnoreCase(e.attributeValue("by"))) {
                m.getElement().remove(e);
            }
        }
    }

    /** The id set by {@code room}, if any. */
    public static Optional<String> of(Message m, JID room) {
        for (Element e : m.getElement().elements(ELEMENT)) {
            if (MucNs.SID.equals(e.getNamespaceURI()) && room.toBareJID().equalsIgnoreCase(e.attributeValue("by"))) {
                return Optional.ofNullable(e.attributeValue("id"));
            }
        }
        return Optional.empty();
    }
}
