package im.satellite.core.stream;

/** Names of the handlers in the component link's pipeline (STYLE 7.5), so logs and tests can refer to them. */
public final class PipelineNames {
    public static final String IDLE = "idle";
    public static final String XML_DECODER = "xmlDecoder";
    public static final String HANDSHAKE = "handshake";
    public static final String KEEPALIVE = "keepalive";
    public static final String STANZAS = "stanzas";
    public static final String ERRORS = "errors";

    private PipelineNames() {
    }
}
