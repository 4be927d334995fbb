package im.satellite.muc.it;

import org.jivesoftware.smack.packet.IQ;

/** XEP-0307 §2: the request for a unique room name (Smack 4.4 has no class for it). */
final class UniqueRoomNameIq extends IQ {
    UniqueRoomNameIq() {
        super("unique", "http://jabber.org/protocol/muc#unique");
        setType(IQ.Type.get);
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.setEmptyElement();
        return xml;
    }
}
