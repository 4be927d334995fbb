package im.satellite.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Median, range and ratio lines of the printed tables. */
class SamplesTest {
    @Test
    void medianOfOddAndEvenCounts() {
        Samples s = new Samples();
        s.add(3);
        s.add(1);
        s.add(10);
        assertEquals(3, s.median());
        s.add(4);
        assertEquals(3.5, s.median());
        assertEquals(1, s.min());
        assertEquals(10, s.max());
    }

    @Test
    void tablePrintsMedianRangeAndRatioOfMedians() {
        ResultTable t = new ResultTable("t", List.of("MB/s"));
        t.cell("limit", "MB/s").add(2000);
        t.cell("limit", "MB/s").add(1000);
        t.cell("limit", "MB/s").add(1500);
        t.cell("us", "MB/s").add(1200);
        t.ratio("MB/s", "us", "limit").ratio("MB/s", "us", "absent");
        StringWriter out = new StringWriter();
        t.print(new PrintWriter(out));
        assertTrue(out.toString().contains("1,500 [1,000-2,000]"), out.toString());
        assertTrue(out.toString().contains("MB/s: us / limit = 0.80x"), out.toString());
        assertFalse(out.toString().contains("absent"), out.toString());
    }
}
