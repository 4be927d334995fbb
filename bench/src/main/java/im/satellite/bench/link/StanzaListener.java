package im.satellite.bench.link;

/** What the {@link StanzaScanner} reports; called on the link's receive thread. */
public interface StanzaListener {
    /**
     * A top-level stanza ended.
     *
     * @param id its {@code id} attribute as a number, or -1 if it has none or a non-numeric one
     */
    void onStanza(long id);

    /** The peer closed the stream ({@code </stream:stream>}). */
    default void onStreamEnd() {
    }
}
