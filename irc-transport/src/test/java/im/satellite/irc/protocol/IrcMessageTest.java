package im.satellite.irc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IrcMessageTest {

    @Test
    void parsesTagsPrefixCommandAndTrailing() {
        IrcMessage m = IrcMessage.parse("@time=2024-01-02T03:04:05.000Z;msgid=abc;+draft/x :nick!user@host "
                + "PRIVMSG #chan :hello there :)");
        assertEquals("2024-01-02T03:04:05.000Z", m.tag("time"));
        assertEquals("abc", m.tag("msgid"));
        assertEquals("", m.tag("+draft/x"));
        assertEquals("nick!user@host", m.prefix());
        assertEquals("nick", m.sourceNick());
        assertEquals("PRIVMSG", m.command());
        assertEquals(List.of("#chan", "hello there :)"), m.params());
    }

    @Test
    void parsesMiddleParamsAndNumerics() {
        IrcMessage m = IrcMessage.parse(":irc.example.net 353 me = #chan :@op +voice plain");
        assertEquals("353", m.command());
        assertEquals(List.of("me", "=", "#chan", "@op +voice plain"), m.params());
        assertEquals("irc.example.net", m.sourceNick());
        assertEquals("PING", IrcMessage.parse("ping x").command());
        assertEquals(List.of("a", "b"), IrcMessage.parse("CMD a   b").params());
    }

    @Test
    void tagValuesAreUnescapedAndEscapedBack() {
        IrcMessage m = IrcMessage.parse("@k=a\\:b\\sc\\\\d\\re\\nf\\x\\ PING x");
        assertEquals("a;b c\\d\re\nfx", m.tag("k"));
        assertEquals("@k=a\\:b\\sc\\\\d\\re\\nfx PING x", m.toLine());
    }

    @Test
    void serialisesWithColonOnlyWhenNeeded() {
        assertEquals("PRIVMSG #c hi", IrcMessage.of("PRIVMSG", "#c", "hi").toLine());
        assertEquals("PRIVMSG #c :hi there", IrcMessage.of("PRIVMSG", "#c", "hi there").toLine());
        assertEquals("PRIVMSG #c ::)", IrcMessage.of("PRIVMSG", "#c", ":)").toLine());
        assertEquals("TOPIC #c :", IrcMessage.of("TOPIC", "#c", "").toLine());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("a", "x y");
        tags.put("b", "");
        assertEquals("@a=x\\sy;b :srv NOTICE * :x z", new IrcMessage(tags, "srv", "NOTICE", List.of("*", "x z")).toLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hi\r\nQUIT :bye", "hi\nJOIN #evil", "hi\rMODE x", "hi\0there", "\n", "\r"})
    void lineBreaksAndNulCannotBeSerialisedInTheTrailingParameter(String evil) {
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.of("PRIVMSG", "#chan", evil));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#chan\r\nQUIT", "#chan\nJOIN", "#c\0", "#c x", ":c", ""})
    void middleParametersMustBeOneToken(String evil) {
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.of("PRIVMSG", evil, "text"));
    }

    @Test
    void commandAndPrefixCannotCarryExtraLines() {
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.of("PRIVMSG\r\nQUIT"));
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.of("PRIV MSG"));
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.of(""));
        assertThrows(IllegalArgumentException.class,
                () -> new IrcMessage(Map.of(), "a\nb", "PING", List.of("x")));
        assertThrows(IllegalArgumentException.class,
                () -> new IrcMessage(Map.of("bad key", "v"), null, "PING", List.of("x")));
    }

    @Test
    void tagValuesWithLineBreaksAreEscapedNotInjected() {
        String line = new IrcMessage(Map.of("+x", "a\r\nQUIT"), null, "TAGMSG", List.of("#c")).toLine();
        assertEquals("@+x=a\\r\\nQUIT TAGMSG #c", line);
        assertTrue(line.indexOf('\r') < 0 && line.indexOf('\n') < 0);
    }

    @Test
    void malformedLinesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.parse("@tags-only"));
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.parse(":prefix-only"));
        assertThrows(IllegalArgumentException.class, () -> IrcMessage.parse("12 x"));
    }

    @Test
    void roundTripsWhatItParses() {
        for (String line : List.of(":n!u@h JOIN #c", ":s 001 me :Welcome home", "@msgid=1 :n!u@h PRIVMSG me :x y",
                "CAP * LS :sasl multi-prefix", "AUTHENTICATE +")) {
            assertEquals(line, IrcMessage.parse(line).toLine());
        }
        assertNull(IrcMessage.parse("PING x").sourceNick());
    }
}
