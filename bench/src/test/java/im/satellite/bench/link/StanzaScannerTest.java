package im.satellite.bench.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte scanner finds stanza boundaries and numeric ids however the bytes are split. */
class StanzaScannerTest {
    private static final String STREAM = "<message from='a@b/c' to='e1@echo.localhost' type='chat' id='42'>"
            + "<body>x &gt; y</body><x xmlns='urn:x' sid='7'/></message>"
            + "<iq type=\"result\" id=\"9000000001\" to='x'/>"
            + "<presence from='a>b' id='abc'><status>/></status></presence>"
            + "<message\n id='7' attr='id=\"8\"'><!-- note --><?pi x?><body/></message>"
            + "</stream:stream>";

    private final List<Long> ids = new ArrayList<>();
    private int ends;
    private final StanzaScanner scanner = new StanzaScanner(new StanzaListener() {
        @Override
        public void onStanza(long id) {
            ids.add(id);
        }

        @Override
        public void onStreamEnd() {
            ends++;
        }
    });

    @Test
    void findsEachStanzaAndItsIdInOneBuffer() {
        byte[] b = STREAM.getBytes(StandardCharsets.UTF_8);
        scanner.feed(b, 0, b.length);
        assertEquals(List.of(42L, 9000000001L, -1L, 7L), ids);
        assertEquals(1, ends);
    }

    @Test
    void findsTheSameWhenFedOneByteAtATime() {
        byte[] b = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            scanner.feed(b, i, 1);
        }
        assertEquals(List.of(42L, 9000000001L, -1L, 7L), ids);
        assertEquals(1, ends);
    }

    @Test
    void tellsWhereEachStanzaEnds() {
        List<String> stanzas = new ArrayList<>();
        int[] from = {0};
        StanzaScanner[] cutter = new StanzaScanner[1];
        cutter[0] = new StanzaScanner(id -> {
            int end = (int) cutter[0].position();
            stanzas.add(STREAM.substring(from[0], end));
            from[0] = end;
        });
        byte[] b = STREAM.getBytes(StandardCharsets.UTF_8);
        cutter[0].feed(b, 0, 70);
        cutter[0].feed(b, 70, b.length - 70);
        assertEquals(4, stanzas.size());
        assertEquals("<iq type=\"result\" id=\"9000000001\" to='x'/>", stanzas.get(1));
        assertEquals("<message\n id='7' attr='id=\"8\"'><!-- note --><?pi x?><body/></message>", stanzas.get(3));
        assertEquals(b.length, cutter[0].position());
    }

    @Test
    void readsTheIdsTheEchoWorkloadWrites() {
        EchoWorkload w = new EchoWorkload("echo.localhost");
        byte[] buf = new byte[w.maxStanzaBytes() * 3];
        int pos = 0;
        for (long seq : new long[] {0, 5, 1234567}) {
            pos += w.write(seq, buf, pos);
        }
        scanner.feed(buf, 0, pos);
        assertEquals(List.of(0L, 5L, 1234567L), ids);
    }
}
