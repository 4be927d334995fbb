package im.satellite.muc.element;

/** The namespaces of XEP-0045 and the XEPs the MUC service uses with it. */
public final class MucNs {
    /** XEP-0045 §19.1: the join element. */
    public static final String MUC = "http://jabber.org/protocol/muc";
    /** XEP-0045 §19.2: occupant information in presence and messages. */
    public static final String USER = "http://jabber.org/protocol/muc#user";
    /** XEP-0045 §19.3: role and affiliation changes. */
    public static final String ADMIN = "http://jabber.org/protocol/muc#admin";
    /** XEP-0045 §19.4: room configuration and destruction. */
    public static final String OWNER = "http://jabber.org/protocol/muc#owner";
    /** XEP-0045 §15.5.1: the room configuration form type. */
    public static final String ROOMCONFIG = "http://jabber.org/protocol/muc#roomconfig";
    /** XEP-0045 §15.5.4: the room information form type. */
    public static final String ROOMINFO = "http://jabber.org/protocol/muc#roominfo";
    /** XEP-0045 §15.5.2: the registration form type. */
    public static final String REGISTER_FORM = "http://jabber.org/protocol/muc#register";
    /** XEP-0045 §8.6: the voice request form type. */
    public static final String REQUEST = "http://jabber.org/protocol/muc#request";
    /** XEP-0307: unique room names. */
    public static final String UNIQUE = "http://jabber.org/protocol/muc#unique";
    /** XEP-0077: in-band registration (on a room, XEP-0045 §7.10). */
    public static final String REGISTER = "jabber:iq:register";
    /** XEP-0249: direct invitations; also the compat element of mediated invitations. */
    public static final String CONFERENCE = "jabber:x:conference";
    /** XEP-0410 §3.3: the room answers self-pings itself. */
    public static final String SELF_PING_OPTIMIZATION = "http://jabber.org/protocol/muc#self-ping-optimization";
    /** XEP-0054 vCard-temp (room avatars, XEP-0486). */
    public static final String VCARD = "vcard-temp";
    /** XEP-0359: unique and stable stanza ids, set by the room on what it broadcasts. */
    public static final String SID = "urn:xmpp:sid:0";
    /** XEP-0313: message archive management (MAM) on the room's bare JID. */
    public static final String MAM = "urn:xmpp:mam:2";
    /** XEP-0313: the before-id, after-id and ids fields, flipped pages and the metadata query. */
    public static final String MAM_EXTENDED = "urn:xmpp:mam:2#extended";
    /** XEP-0297: stanza forwarding (MAM results). */
    public static final String FORWARD = "urn:xmpp:forward:0";
    /** XEP-0425: moderated message retraction. */
    public static final String MODERATE = "urn:xmpp:message-moderate:1";
    /** XEP-0424: message retraction (carried by the XEP-0425 request, notice and tombstone). */
    public static final String RETRACT = "urn:xmpp:message-retract:1";
    /** XEP-0045 §6.7 / §7.12: the disco node for a user's reserved nick. */
    public static final String ROOMUSER_NODE = "x-roomuser-item";

    private MucNs() {
    }
}
