package im.satellite.core.xml;

/** XML namespaces used across Satellite's services. Feature-specific ones live next to their feature. */
public final class Namespaces {
    /** XEP-0114 §3: the component stream's default namespace. */
    public static final String COMPONENT_ACCEPT = "jabber:component:accept";
    public static final String CLIENT = "jabber:client";
    public static final String SERVER = "jabber:server";
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    /** RFC 6120 §4.9.3: stream error conditions. */
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    /** RFC 6120 §8.3.3: stanza error conditions. */
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    public static final String DATA_FORMS = "jabber:x:data";
    public static final String RSM = "http://jabber.org/protocol/rsm";
    public static final String PING = "urn:xmpp:ping";
    public static final String VERSION = "jabber:iq:version";
    public static final String TIME = "urn:xmpp:time";
    public static final String DELAY = "urn:xmpp:delay";
    public static final String COMMANDS = "http://jabber.org/protocol/commands";
    /** XEP-0033 Extended Stanza Addressing. */
    public static final String ADDRESS = "http://jabber.org/protocol/address";

    private Namespaces() {
    }
}
