package im.satellite.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The values of one figure measured once per repetition; the table prints their median, minimum and maximum,
 * because the benchmark machines are noisy. Not thread-safe: filled by the thread that runs the benchmark.
 */
public final class Samples {
    private final List<Double> values = new ArrayList<>();

    /** Adds one repetition's value. */
    public void add(double value) {
        values.add(value);
    }

    /** How many values were added. */
    public int size() {
        return values.size();
    }

    /** Whether no value was added (a contender that was not run). */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The median; the mean of the two middle values for an even count; NaN when empty. */
    public double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The smallest value; NaN when empty. */
    public double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** The largest value; NaN when empty. */
    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
