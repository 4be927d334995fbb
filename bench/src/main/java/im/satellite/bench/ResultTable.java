package im.satellite.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One printed comparison: a row per contender (Satellite, a peer, the physical limit) and a column per figure,
 * each cell "median [min-max]" over the repetitions, followed by the ratios of medians that the benchmark
 * declares (e.g. Satellite / raw loopback). Rows keep the order in which their figures were first recorded.
 */
public final class ResultTable {
    private final String title;
    private final List<String> columns;
    private final Map<String, Map<String, Samples>> rows = new LinkedHashMap<>();
    private final List<String[]> ratios = new ArrayList<>();

    /**
     * @param title what was measured and how (size, repetitions), printed above the table
     * @param columns the figures, with their unit, e.g. {@code "MB/s"}
     */
    public ResultTable(String title, List<String> columns) {
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    /** The samples of one cell, created empty on first use. */
    public Samples cell(String row, String column) {
        if (!columns.contains(column)) {
            throw new IllegalArgumentException("no column " + column);
        }
        return rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).computeIfAbsent(column, c -> new Samples());
    }

    /** Declares a ratio line "row / reference" on the medians of {@code column}; not printed if one is missing. */
    public ResultTable ratio(String column, String row, String reference) {
        ratios.add(new String[] {column, row, reference});
        return this;
    }

    /** The median of a cell, NaN if it was not measured. */
    public double median(String row, String column) {
        Map<String, Samples> r = rows.get(row);
        Samples s = r == null ? null : r.get(column);
        return s == null ? Double.NaN : s.median();
    }

    /** Prints the title, the table and the ratios. */
    public void print(PrintWriter out) {
        out.println();
        out.println(title + " (each cell: median [min-max] over the runs)");
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("");
        header.addAll(columns);
        lines.add(header);
        rows.forEach((row, cells) -> {
            List<String> line = new ArrayList<>();
            line.add(row);
            for (String c : columns) {
                Samples s = cells.get(c);
                line.add(s == null || s.isEmpty() ? "-" : s.size() == 1 ? format(s.median())
                        : format(s.median()) + " [" + format(s.min()) + "-" + format(s.max()) + "]");
            }
            lines.add(line);
        });
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : lines) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                sb.append(i == 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append("   ");
            }
            out.println(sb.toString().stripTrailing());
        }
        for (String[] r : ratios) {
            double value = median(r[1], r[0]) / median(r[2], r[0]);
            if (!Double.isNaN(value)) {
                out.println("  " + r[0] + ": " + r[1] + " / " + r[2] + " = " + String.format(Locale.ROOT, "%.2fx", value));
            }
        }
        out.flush();
    }

    /** Three significant figures for small values, whole numbers with separators for large ones. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }
}
