package im.satellite.proxy.socks5;

/**
 * Names of the handlers in a SOCKS5 connection's pipeline (STYLE 7.5: every handler is added with a name): the
 * XEP-0065 §6.3.2 negotiation handlers, then after §6.3.6 activation the idle timer and the relay.
 */
public final class ProxyPipeline {
    public static final String SOCKS5_ENCODER = "socks5Encoder";
    public static final String SOCKS5_DECODER = "socks5Decoder";
    public static final String SOCKS5_HANDSHAKE = "socks5Handshake";
    public static final String IDLE = "idle";
    public static final String RELAY = "relay";

    private ProxyPipeline() {
    }
}
