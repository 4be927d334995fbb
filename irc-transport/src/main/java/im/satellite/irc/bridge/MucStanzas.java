package im.satellite.irc.bridge;

import im.satellite.core.xml.Namespaces;
import java.time.Instant;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** Builders for the XEP-0045 stanzas the bridge emits: occupant presences (§7.2.3), subjects (§8.1), errors (§7.2). */
public final class MucStanzas {
    public static final String MUC = "http://jabber.org/protocol/muc";
    public static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    public static final String MUC_ADMIN = "http://jabber.org/protocol/muc#admin";
    public static final String SID = "urn:xmpp:sid:0";

    private MucStanzas() {
    }

    /** An occupant's presence; {@code unavailable} for a leave, with XEP-0045 §15.6 status codes. */
    public static Presence occupant(JID occupant, boolean unavailable, String affiliation, String role,
                                    String newNick, int... codes) {
        Presence p = new Presence();
        p.setFrom(occupant);
        if (unavailable) {
            p.setType(Presence.Type.unavailable);
        }
        Element x = p.addChildElement("x", MUC_USER);
        Element item = x.addElement("item").addAttribute("affiliation", affiliation).addAttribute("role", role);
        if (newNick != null) {
            item.addAttribute("nick", newNick);
        }
        for (int c : codes) {
            x.addElement("status").addAttribute("code", Integer.toString(c));
        }
        return p;
    }

    /** A groupchat (or chat) message with a stable id, an XEP-0359 stanza-id, and an XEP-0203 delay when given. */
    public static Message message(JID from, Message.Type type, String body, String id, JID by, Instant stamp) {
        Message m = new Message();
        m.setFrom(from);
        m.setType(type);
        m.setID(id);
        m.setBody(body);
        if (by != null) {
            m.addChildElement("stanza-id", SID).addAttribute("id", id).addAttribute("by", by.toBareJID());
        }
        if (stamp != null) {
            m.addChildElement("delay", Namespaces.DELAY).addAttribute("stamp", stamp.toString())
                    .addAttribute("from", from.getDomain());
        }
        return m;
    }

    /** XEP-0045 §8.1: the subject, as a groupchat message with a subject and no body. */
    public static Message subject(JID from, String subject, String id) {
        Message m = new Message();
        m.setFrom(from);
        m.setType(Message.Type.groupchat);
        m.setID(id);
        m.setSubject(subject);
        return m;
    }

    /** XEP-0045 §7.2: a join error presence from the occupant JID. */
    public static Presence joinError(JID occupant, JID to, String condition, PacketError.Type type, String text) {
        Presence p = new Presence(Presence.Type.error);
        p.setFrom(occupant);
        p.setTo(to);
        p.addChildElement("x", MUC);
        p.getElement().add(error(condition, type, text, occupant.asBareJID()));
        return p;
    }

    /** A message error (e.g. a refused topic change), from the room. */
    public static Message messageError(JID from, JID to, String condition, PacketError.Type type, String text) {
        Message m = new Message();
        m.setType(Message.Type.error);
        m.setFrom(from);
        m.setTo(to);
        m.getElement().add(error(condition, type, text, from.asBareJID()));
        return m;
    }

    static Element error(String condition, PacketError.Type type, String text, JID by) {
        Element e = org.dom4j.DocumentFactory.getInstance().createElement("error");
        e.addAttribute("type", type.toXMPP());
        e.addAttribute("by", by.toString());
        e.addElement(QName.get(condition, Namespaces.STANZA_ERRORS));
        if (text != null && !text.isEmpty()) {
            e.addElement(QName.get("text", Namespaces.STANZA_ERRORS)).setText(text);
        }
        return e;
    }
}
