package im.satellite.irc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Formatting, CTCP and splitting: what XMPP users see of IRC text and what IRC sees of XMPP bodies. */
class TextTest {
    @Test
    void stripsMircFormatting() {
        assertEquals("bold red on blue plain", Formatting.strip("\u0002bold\u0002 \u000304,12red on blue\u000F plain"));
        assertEquals("5 stays: colours take two digits", Formatting.strip("\u0003045 stays: colours take two digits"));
        assertEquals("hex x", Formatting.strip("\u0004FF00AA,000000hex\u0004 x"));
        assertEquals("a,b", Formatting.strip("\u0003a,b"));
        assertEquals("it und rev mono strike", Formatting.strip("\u001Dit\u001D \u001Fund\u001F \u0016rev "
                + "\u0011mono \u001Estrike"));
        assertEquals("keeps\ttab", Formatting.strip("keeps\ttab\u0007"));
    }

    @Test
    void ctcpAction() {
        String a = Ctcp.action("waves");
        assertEquals("\u0001ACTION waves\u0001", a);
        assertEquals("ACTION", Ctcp.command(a));
        assertEquals("waves", Ctcp.params(a));
        assertEquals("VERSION", Ctcp.command("\u0001version\u0001"));
        assertEquals(null, Ctcp.command("plain"));
    }

    @Test
    void multiLineBodiesBecomeOneLineEach() {
        assertEquals(List.of("one", "two", "three"), LineSplitter.split("one\r\ntwo\n\nthree\r", 100,
                StandardCharsets.UTF_8));
        assertEquals(List.of("QUIT"), LineSplitter.split("\r\nQUIT", 100, StandardCharsets.UTF_8));
        assertEquals(List.of("ab"), LineSplitter.split("a\0b", 100, StandardCharsets.UTF_8));
    }

    @Test
    void splitsAtWordBoundaries() {
        assertEquals(List.of("hello", "world foo"), LineSplitter.split("hello world foo", 9, StandardCharsets.UTF_8));
    }

    @Test
    void neverCutsAUtf8SequenceAndRespectsTheByteLimit() {
        String s = "é".repeat(10) + "€" + "😀".repeat(3);
        List<String> parts = LineSplitter.split(s, 5, StandardCharsets.UTF_8);
        assertEquals(s, String.join("", parts));
        for (String p : parts) {
            assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= 5, p);
            assertTrue(!Character.isLowSurrogate(p.charAt(0)), "split inside a surrogate pair");
        }
    }

    @Test
    void latin1BudgetsCountOneBytePerChar() {
        assertEquals(List.of("ééééé", "éé"), LineSplitter.split("ééééééé", 5, StandardCharsets.ISO_8859_1));
    }
}
