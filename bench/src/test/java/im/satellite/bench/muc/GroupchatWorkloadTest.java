package im.satellite.bench.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.bench.link.StanzaScanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fan-out workload's stanzas and window, as the driver writes and counts them. */
class GroupchatWorkloadTest {
    @Test
    void writesGroupchatMessagesFromTheFirstOccupantsInTurnWithTheSequenceAsId() {
        GroupchatWorkload w = new GroupchatWorkload("f100", 500, 100);
        byte[] buf = new byte[4 * w.maxStanzaBytes()];
        int pos = 0;
        for (long seq : new long[] {0, 1, 64, 1234567}) {
            pos += w.write(seq, buf, pos);
        }
        String xml = new String(buf, 0, pos, StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<message from='o500@localhost/b' to='f100@muc.localhost' type='groupchat' id='0'>"
                + "<body>"), xml);
        assertTrue(xml.contains("<message from='o501@localhost/b' to='f100@muc.localhost' type='groupchat' id='1'>"),
                xml);
        // 64 senders in turn: message 64 is the first occupant's again.
        assertTrue(xml.contains("<message from='o500@localhost/b' to='f100@muc.localhost' type='groupchat' id='64'>"),
                xml);
        List<Long> ids = new ArrayList<>();
        new StanzaScanner(ids::add).feed(buf, 0, pos);
        assertEquals(List.of(0L, 1L, 64L, 1234567L), ids);
        assertEquals(100, w.repliesPerStanza());
    }

    @Test
    void smallRoomsHaveFewerSendersThan64() {
        GroupchatWorkload w = new GroupchatWorkload("f3", 0, 3);
        byte[] buf = new byte[w.maxStanzaBytes()];
        int n = w.write(3, buf, 0);
        assertTrue(new String(buf, 0, n, StandardCharsets.UTF_8).startsWith("<message from='o0@localhost/b'"));
    }

    @Test
    void windowKeepsTheStanzasInFlightNearTheBudget() {
        assertEquals(1000, FanOutBench.window(10, 100_000));
        assertEquals(1000, FanOutBench.window(100, 100_000));
        assertEquals(100, FanOutBench.window(1000, 100_000));
        assertEquals(10, FanOutBench.window(10_000, 100_000));
        assertEquals(1, FanOutBench.window(10_000, 10));
    }
}
