package im.satellite.irc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaseMappingTest {
    @Test
    void rfc1459FoldsScandinavianBrackets() {
        assertEquals("#foo{}|^", CaseMapping.RFC1459.fold("#FOO[]\\~"));
        assertTrue(CaseMapping.RFC1459.equals("Nick[away]", "nick{AWAY}"));
    }

    @Test
    void strictKeepsTilde() {
        assertEquals("#foo{}|~", CaseMapping.STRICT_RFC1459.fold("#FOO[]\\~"));
        assertFalse(CaseMapping.STRICT_RFC1459.equals("a~", "a^"));
    }

    @Test
    void asciiFoldsLettersOnly() {
        assertEquals("#foo[]\\~é", CaseMapping.ASCII.fold("#FOO[]\\~é"));
    }

    @Test
    void tokensFromIsupport() {
        assertEquals(CaseMapping.ASCII, CaseMapping.fromToken("ascii"));
        assertEquals(CaseMapping.STRICT_RFC1459, CaseMapping.fromToken("strict-rfc1459"));
        assertEquals(CaseMapping.RFC1459, CaseMapping.fromToken(null));
        assertEquals(CaseMapping.ASCII, CaseMapping.fromToken("rfc7613"));
    }

    @Test
    void isupportAppliesCasemappingPrefixChantypesAndLimits() {
        ISupport is = new ISupport();
        assertTrue(is.isChannel("&local"));
        is.apply(List.of("me", "CHANTYPES=#", "PREFIX=(qaohv)~&@%+", "CASEMAPPING=ascii", "NICKLEN=30",
                "LINELEN=1024", "are supported by this server"));
        assertFalse(is.isChannel("&local"));
        assertTrue(is.isChannel("#x"));
        assertEquals('q', is.modeForSymbol('~'));
        assertEquals('%', is.symbolForMode('h'));
        assertEquals(CaseMapping.ASCII, is.caseMapping());
        assertEquals(30, is.nickLen());
        assertEquals(1024, is.lineLen());
        is.apply(List.of("-CHANTYPES", "LINELEN=100"));
        assertEquals(512, is.lineLen(), "LINELEN never goes below RFC 1459's 512");
    }
}
