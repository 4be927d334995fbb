package im.satellite.proxy.socks5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The DST.ADDR hash of XEP-0065 §6.3.2, checked against the values printed in the XEPs. */
class StreamHashTest {

    @Test
    void matchesTheXep0065MucExample() {
        // XEP-0065 §7 (Use with Multi-User Chat): dstaddr for sid yia72g3v49j7, the requester and the room JID.
        assertEquals("416781edf1ae50bad01cb8509ba35b43952bc345",
                StreamHash.of("yia72g3v49j7", "requester@example.com/foo", "room@conference.example.net/Tget").hex());
    }

    @Test
    void matchesBothXep0260Examples() {
        // XEP-0260 §2.2 and §2.3: initiator-to-responder and responder-to-initiator proxy candidates.
        assertEquals("972b7bf47291ca609517f67f86b5081086052dad",
                StreamHash.of("vj3hs98y", "romeo@montague.lit/orchard", "juliet@capulet.lit/balcony").hex());
        assertEquals("1a12fb7bc625e55f3ed5b29a53dbe0e4aa7d80ba",
                StreamHash.of("vj3hs98y", "juliet@capulet.lit/balcony", "romeo@montague.lit/orchard").hex());
    }

    @Test
    void parsesUpperCaseHexAsTheSameHash() {
        assertEquals(StreamHash.parse("972b7bf47291ca609517f67f86b5081086052dad"),
                StreamHash.parse("972B7BF47291CA609517F67F86B5081086052DAD"));
    }

    @Test
    void acceptsOnlyFortyHexDigits() {
        assertTrue(StreamHash.isValid("972b7bf47291ca609517f67f86b5081086052dad"));
        assertFalse(StreamHash.isValid("972b7bf47291ca609517f67f86b5081086052da"), "39 digits");
        assertFalse(StreamHash.isValid("972b7bf47291ca609517f67f86b5081086052dadd"), "41 digits");
        assertFalse(StreamHash.isValid("972b7bf47291ca609517f67f86b5081086052dag"), "a non-hex digit");
        assertFalse(StreamHash.isValid("example.com"));
        assertFalse(StreamHash.isValid(null));
        assertThrows(IllegalArgumentException.class, () -> StreamHash.parse("proxy.example.org"));
    }
}
