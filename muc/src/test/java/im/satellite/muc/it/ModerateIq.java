package im.satellite.muc.it;

import org.jivesoftware.smack.packet.IQ;

/** XEP-0425 §4: a moderator's request to retract a message by its stanza id (Smack 4.4 has no class for it). */
final class ModerateIq extends IQ {
    private final String stanzaId;
    private final String reason;

    ModerateIq(String stanzaId, String reason) {
        super("moderate", "urn:xmpp:message-moderate:1");
        this.stanzaId = stanzaId;
        this.reason = reason;
        setType(IQ.Type.set);
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.attribute("id", stanzaId).rightAngleBracket();
        xml.append("<retract xmlns='urn:xmpp:message-retract:1'/>");
        xml.optElement("reason", reason);
        return xml;
    }
}
