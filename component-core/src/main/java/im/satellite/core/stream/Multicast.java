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
 * <p>Only groupchat messages go this way. A multicast service is a second path through the server, and the
 * stanzas sent one by one need not keep their order against it (ejabberd's {@code mod_multicast} is its own
 * process). Groupchat messages are the bulk of a room's fan-out, and their order among themselves is kept, since
 * they all take the same path; a room's presences, history and replies to one user stay on the direct path.
 */
final class Multicast {
    private Multicast() {
    }

    /** Whether a broadcast of this stanza goes through the multicast service. */
    static boolean applies(Element stanza) {
        return "message".equals(stanza.getName()) && "groupchat".equals(stanza.attributeValue("type"));
    }

    /**
     * The multicast stanzas for {@code recipients}, at most {@code max} addresses each. {@code copy} is modified:
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
        List<String> out = new ArrayList<>((recipients.size() + max - 1) / max);
        StringBuilder sb = null;
        int n = 0;
        for (JID to : recipients) {
            if (n == 0) {
                sb = new StringBuilder(head.length() + tail.length() + 80 * Math.min(max, recipients.size()));
                sb.append(head).append("<addresses xmlns=\"").append(Namespaces.ADDRESS).append("\">");
            }
            sb.append("<address type=\"bcc\" jid=\"").append(Elements.escapeAttribute(to.toString())).append("\"/>");
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
