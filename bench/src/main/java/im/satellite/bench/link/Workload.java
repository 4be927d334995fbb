package im.satellite.bench.link;

/**
 * What a {@link WindowedLoad} sends: stanza number {@code seq}, serialised straight into a byte buffer with
 * {@code id='seq'}, and how many stanzas the component sends back for each (1 for the echo component, the
 * occupant count for a MUC groupchat fan-out).
 */
public interface Workload {
    /** The most bytes {@link #write} writes for one stanza. */
    int maxStanzaBytes();

    /** Writes stanza {@code seq} at {@code off}; returns the number of bytes written. */
    int write(long seq, byte[] buf, int off);

    /** Stanzas the component sends to the driver for each stanza written. */
    int repliesPerStanza();
}
