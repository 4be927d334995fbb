package im.satellite.core.adhoc;

import im.satellite.core.error.StanzaException;
import im.satellite.core.xml.Namespaces;
import java.util.List;
import java.util.Map;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * One stage's request (XEP-0050 §3): who asks, the action (after resolving {@code execute}: {@code execute} on the
 * first stage, else {@code next}, {@code prev} or {@code complete}), the submitted form's values (empty when none),
 * the session's data (kept between stages) and how many stages were answered before in this session.
 *
 * @param requester the requester's full JID
 * @param action    {@code execute} (first stage), {@code next}, {@code prev} or {@code complete}
 * @param form      the submitted {@code jabber:x:data} values by field var; empty when no form was sent
 * @param submitted whether a form was sent
 * @param data      the session's data, for the command to keep what later stages need
 * @param stage     0 on the first request of a session
 */
public record AdHocRequest(JID requester, String action, Map<String, List<String>> form, boolean submitted,
                           Map<String, Object> data, int stage) {

    /** The first value of a field, trimmed, or null when absent or empty. */
    public String value(String var) {
        List<String> v = form.get(var);
        if (v == null || v.isEmpty() || v.get(0).isBlank()) {
            return null;
        }
        return v.get(0).trim();
    }

    /** The first value of a required field; missing, it is XEP-0050's {@code bad-payload}. */
    public String required(String var) {
        String v = value(var);
        if (v == null) {
            throw badPayload("the field " + var + " is required");
        }
        return v;
    }

    /** XEP-0050 §4.6: the payload cannot be accepted ({@code bad-request} with {@code <bad-payload/>}). */
    public static StanzaException badPayload(String text) {
        return new StanzaException(PacketError.Condition.bad_request, PacketError.Type.modify, text)
                .withAppCondition("bad-payload", Namespaces.COMMANDS);
    }
}
