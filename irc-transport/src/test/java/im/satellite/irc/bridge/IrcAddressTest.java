package im.satellite.irc.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/** XEP-0100 §2 addressing with XEP-0106 escaping of the local part. */
class IrcAddressTest {
    @Test
    void channelUserAndServer() {
        assertEquals(new IrcAddress(IrcAddress.Kind.CHANNEL, "#chan", "irc.example.net"),
                IrcAddress.parse(new JID("#chan%irc.example.net@irc.localhost"), "#&"));
        assertEquals(new IrcAddress(IrcAddress.Kind.USER, "nick", "irc.example.net"),
                IrcAddress.parse(new JID("nick%irc.example.net@irc.localhost"), "#&"));
        assertEquals(new IrcAddress(IrcAddress.Kind.SERVER, null, "irc.example.net"),
                IrcAddress.parse(new JID("irc.example.net@irc.localhost"), "#&"));
    }

    @Test
    void ampersandChannelsAndOddNicksAreEscaped() {
        JID local = IrcAddress.jid("&local", "irc.example.net", "irc.localhost");
        assertEquals("\\26local%irc.example.net@irc.localhost", local.toString());
        assertEquals(new IrcAddress(IrcAddress.Kind.CHANNEL, "&local", "irc.example.net"),
                IrcAddress.parse(local, "#&"));
        JID odd = IrcAddress.jid("we'ird", "net", "gw");
        assertEquals("we'ird", IrcAddress.parse(odd, "#").name());
        assertEquals("we\\27ird%net@gw", odd.toString());
    }

    @Test
    void chanTypesDecideWhatIsAChannel() {
        assertEquals(IrcAddress.Kind.USER, IrcAddress.parse(new JID("+x%net@gw"), "#").kind());
        assertEquals(IrcAddress.Kind.CHANNEL, IrcAddress.parse(new JID("+x%net@gw"), "#+").kind());
    }

    @Test
    void malformedAddressesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> IrcAddress.parse(new JID("%net@gw"), "#"));
        assertThrows(IllegalArgumentException.class, () -> IrcAddress.parse(new JID("#a,#b%net@gw"), "#"));
        assertThrows(IllegalArgumentException.class, () -> IrcAddress.parse(new JID("gw"), "#"));
    }
}
