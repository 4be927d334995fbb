package im.satellite.core.stream;

import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * XEP-0033 stanzas for a broadcast: the same stanza addressed to a multicast service on the host server, with the
 * recipients as {@code <address type="bcc"/>} elements (bcc, so that no recipient sees the others' addresses).
 *
 * <p>Only groupchat messages go this way, even to a single recipient, so that they all take the same path and
 * keep their order among themselves. A multicast service is a second path through the server, and the stanzas
 * sent one by one need not keep their order against it (ejabberd's {@code mod_multicast} is its own process);
 * a room's presences, history and replies to one user stay on the direct path.
 */
final class Multicast {
    private Multicast() {
    }

    /** Whether a broadcast of this stanza goes through the multicast service. */
    static boolean applies(Element stanza) {
        return "message".equals(stanza.getName()) && "groupchat".equals(stanza.attributeValue("type"));
    }

    /** Characters of one multicast stanza, well below the servers' stanza limits (Prosody: 512 KiB for components). */
    static final int MAX_CHARS = 64 * 1024;
    /** A larger message goes one stanza per recipient: the addresses would not fit beside it. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024;

    /**
     * The multicast stanzas for {@code recipients}, at most {@code max} addresses and about {@link #MAX_CHARS}
     * characters each, or null when the message itself is too large to multicast (then {@code copy} has no
     * {@code to} again, ready to be sent one stanza per recipient). {@code copy} is modified:
     * any {@code <addresses/>} it carried is removed (a sender's own addresses must not steer the fan-out) and its
     * {@code to} becomes the service.
     */
    static List<String> stanzas(Element copy, String service, Collection<JID> recipients, int max) {
        for (Iterator<Element> it = copy.elementIterator(); it.hasNext(); ) {
            Element child = it.next();
            if ("addresses".equals(child.getName()) && Namespaces.ADDRESS.equals(child.getNamespaceURI())) {
                it.remove();
            }
        }
        copy.addAttribute("to", service);
        String xml = copy.asXML();
        String head;
        String tail;
        if (xml.endsWith("/>")) {
            head = xml.substring(0, xml.length() - 2) + ">";
            tail = "</" + copy.getQualifiedName() + ">";
        } else {
            int close = xml.lastIndexOf("</");
            head = xml.substring(0, close);
            tail = xml.substring(close);
        }
        if (head.length() + tail.length() > MAX_MESSAGE_CHARS) {
            copy.addAttribute("to", null);
            return null;
        }
        List<String> out = new ArrayList<>((recipients.size() + max - 1) / max);
        StringBuilder sb = null;
        int n = 0;
        for (JID to : recipients) {
            String address = "<address type=\"bcc\" jid=\"" + Elements.escapeAttribute(to.toString()) + "\"/>";
            if (n > 0 && sb.length() + address.length() + tail.length() + 12 > MAX_CHARS) {
                out.add(sb.append("</addresses>").append(tail).toString());
                n = 0;
            }
            if (n == 0) {
                sb = new StringBuilder(head.length() + tail.length() + 80 * Math.min(max, recipients.size()));
                sb.append(head).append("<addresses xmlns=\"").append(Namespaces.ADDRESS).append("\">");
            }
            sb.append(address);
            if (++n == max) {
                out.add(sb.append("</addresses>").append(tail).toString());
                n = 0;
            }
        }
        if (n > 0) {
            out.add(sb.append("</addresses>").append(tail).toString());
        }
        return out;
    }
}
