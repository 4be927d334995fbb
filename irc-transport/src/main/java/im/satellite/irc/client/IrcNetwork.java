package im.satellite.irc.client;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;

/**
 * An IRC network the admin allows, as configured.
 *
 * @param name             the name in JIDs, e.g. {@code irc.example.net}
 * @param host             where to connect
 * @param port             the port (6697 for TLS by convention)
 * @param tls              whether to use TLS
 * @param verifyTls        whether to check the server certificate and host name (on by default)
 * @param password         the server password (PASS), or null
 * @param charset          the charset lines are written in and first tried when reading
 * @param fallbackCharset  the charset for incoming lines that are not valid in {@code charset}
 * @param floodBurst       lines that may be sent at once
 * @param floodInterval    time to earn one more line
 * @param reconnectMin     first reconnect delay
 * @param reconnectMax     reconnect delay cap
 * @param clientCertificate PEM certificate chain presented to the server (then SASL EXTERNAL is used), or null
 * @param clientKey        PEM PKCS#8 private key of {@code clientCertificate}, or null
 */
public record IrcNetwork(String name, String host, int port, boolean tls, boolean verifyTls, String password,
                         Charset charset, Charset fallbackCharset, int floodBurst, Duration floodInterval,
                         Duration reconnectMin, Duration reconnectMax, java.nio.file.Path clientCertificate,
                         java.nio.file.Path clientKey) {
    public IrcNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(floodInterval, "floodInterval");
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
    }

    /** A network as before, for callers that set no client certificate. */
    public IrcNetwork(String name, String host, int port, boolean tls, boolean verifyTls, String password,
                      Charset charset, Charset fallbackCharset, int floodBurst, Duration floodInterval,
                      Duration reconnectMin, Duration reconnectMax) {
        this(name, host, port, tls, verifyTls, password, charset, fallbackCharset, floodBurst, floodInterval,
                reconnectMin, reconnectMax, null, null);
    }

    /** Whether the gateway authenticates with a TLS client certificate and SASL EXTERNAL on this network. */
    public boolean hasClientCertificate() {
        return tls && clientCertificate != null;
    }
}
