package im.satellite.core.error;

import im.satellite.core.xml.Namespaces;
import java.util.Optional;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Builds error replies (RFC 6120 §8.3): a message or presence is returned to its sender with its payload,
 * {@code type='error'} and an {@code <error/>} child; an IQ error carries only the {@code <error/>}. A stanza that is itself an error is never answered (RFC 6120 §8.3.1), so
 * {@link #reply} returns empty for it.
 */
public final class ErrorReplies {
    private ErrorReplies() {
    }

    /** The error reply to {@code in}, from {@code in}'s recipient, or empty when {@code in} is an error. */
    public static Optional<Packet> reply(Packet in, StanzaException e, JID by) {
        Optional<Packet> out = reply(in, e.condition(), e.type(), e.text(), by);
        String app = e.appCondition();
        if (app != null) {
            int close = app.indexOf('}');
            out.ifPresent(p -> p.getElement().element("error")
                    .addElement(QName.get(app.substring(close + 1), app.substring(1, close))));
        }
        return out;
    }

    public static Optional<Packet> reply(Packet in, PacketError.Condition c, JID by) {
        return reply(in, c.toXMPP(), c.getDefaultType(), null, by);
    }

    public static Optional<Packet> reply(Packet in, String condition, PacketError.Type type, String text, JID by) {
        if ("error".equals(in.getElement().attributeValue("type"))) {
            return Optional.empty();
        }
        Packet out;
        if (in instanceof IQ iq) {
            // The request's payload is not echoed (RFC 6120 §8.3.1 makes it optional; Prosody does not): Smack 4.4
            // fails to parse some echoed payloads, e.g. XEP-0065 <activate/>, and drops the client's connection.
            out = IQ.createResultIQ(iq);
        } else {
            out = in.createCopy();
            JID from = in.getFrom();
            out.setFrom(in.getTo());
            out.setTo(from);
            Element old = out.getElement().element("error");
            if (old != null) {
                out.getElement().remove(old);
            }
        }
        out.getElement().addAttribute("type", "error");
        out.getElement().add(errorElement(condition, type, text, by));
        return Optional.of(out);
    }

    /** The {@code <error/>} element of RFC 6120 §8.3.2. */
    public static Element errorElement(String condition, PacketError.Type type, String text, JID by) {
        Element error = org.dom4j.DocumentFactory.getInstance().createElement("error");
        error.addAttribute("type", type.toXMPP());
        if (by != null) {
            error.addAttribute("by", by.toString());
        }
        error.addElement(QName.get(condition, Namespaces.STANZA_ERRORS));
        if (text != null && !text.isEmpty()) {
            error.addElement(QName.get("text", Namespaces.STANZA_ERRORS)).setText(text);
        }
        return error;
    }
}
