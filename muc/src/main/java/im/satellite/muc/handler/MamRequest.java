package im.satellite.muc.handler;

import im.satellite.core.error.StanzaException;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.element.DataForm;
import im.satellite.muc.element.MucNs;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * A parsed XEP-0313 query: the form fields of §4.1 (start, end, with, and the #extended before-id, after-id, ids),
 * the XEP-0059 paging of §5 (max, after, before; an empty before asks for the last page) and flip-page. Unknown
 * form fields are {@code feature-not-implemented} (§4.1.2), malformed values {@code bad-request}.
 */
record MamRequest(String queryId, Instant start, Instant end, JID with, String beforeId, String afterId,
                  List<String> ids, int max, String after, String before, boolean flip) {
    static final int DEFAULT_MAX = 50;
    static final int MAX = 250;
    private static final Set<String> FIELDS = Set.of("FORM_TYPE", "start", "end", "with", "before-id", "after-id",
            "ids");

    static MamRequest parse(Element query) {
        Map<String, List<String>> v = DataForm.find(query).map(DataForm::values).orElse(Map.of());
        for (String field : v.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new StanzaException(PacketError.Condition.feature_not_implemented, "unknown field " + field);
            }
        }
        if (v.containsKey("FORM_TYPE") && !MucNs.MAM.equals(first(v, "FORM_TYPE"))) {
            throw bad("the FORM_TYPE must be " + MucNs.MAM);
        }
        JID with = null;
        if (first(v, "with") != null) {
            try {
                with = new JID(first(v, "with"));
            } catch (IllegalArgumentException e) {
                throw bad("'with' is not a JID");
            }
        }
        Element set = query.element(org.dom4j.QName.get("set", Namespaces.RSM));
        int max = DEFAULT_MAX;
        String after = null;
        String before = null;
        if (set != null) {
            if (set.element("index") != null) {
                throw new StanzaException(PacketError.Condition.feature_not_implemented, "paging by index is not supported; use after or before");
            }
            if (set.element("max") != null) {
                try {
                    max = Math.min(MAX, Integer.parseInt(set.elementTextTrim("max")));
                } catch (NumberFormatException e) {
                    throw bad("<max/> is not a number");
                }
                if (max < 0) {
                    throw bad("<max/> is negative");
                }
            }
            after = set.element("after") == null ? null : set.elementTextTrim("after");
            before = set.element("before") == null ? null : set.elementTextTrim("before");
        }
        if (v.containsKey("ids") && v.get("ids").size() > MAX) {
            throw bad("at most " + MAX + " ids");
        }
        return new MamRequest(query.attributeValue("queryid"), instant(first(v, "start")), instant(first(v, "end")),
                with, first(v, "before-id"), first(v, "after-id"), v.get("ids"), max, after, before,
                query.element("flip-page") != null);
    }

    private static String first(Map<String, List<String>> v, String var) {
        List<String> l = v.get(var);
        return l == null || l.isEmpty() || l.get(0).isBlank() ? null : l.get(0).trim();
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("not an XEP-0082 date-time: " + s);
        }
    }

    private static StanzaException bad(String text) {
        return new StanzaException(PacketError.Condition.bad_request, text);
    }

    /** The query form (§4.1.2 "retrieving form fields"). */
    static Element form() {
        DataForm f = new DataForm("form", MucNs.MAM, null);
        f.add(1, "with", "jid-single", null, List.of());
        f.add(2, "start", "text-single", null, List.of());
        f.add(3, "end", "text-single", null, List.of());
        f.add(4, "before-id", "text-single", null, List.of());
        f.add(5, "after-id", "text-single", null, List.of());
        f.add(6, "ids", "list-multi", null, List.of())
                .addElement("validate", "http://jabber.org/protocol/xdata-validate")
                .addAttribute("datatype", "xs:string").addElement("open");
        return f.toElement();
    }
}
