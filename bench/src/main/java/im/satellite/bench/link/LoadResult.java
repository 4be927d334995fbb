package im.satellite.bench.link;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one {@link WindowedLoad} run.
 *
 * @param sent stanzas written to the component
 * @param received stanzas with a numeric id received from it
 * @param seconds from the first write to the last expected stanza received
 * @param latencyNanos the time from writing a stanza to receiving each reply with its id
 */
public record LoadResult(long sent, long received, double seconds, Histogram latencyNanos) {
    /** Stanzas written per second. */
    public double sentPerSecond() {
        return sent / seconds;
    }

    /** Stanzas received per second. */
    public double receivedPerSecond() {
        return received / seconds;
    }

    /** A latency percentile in microseconds. */
    public double latencyMicros(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1000.0;
    }
}
