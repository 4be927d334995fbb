package im.satellite.core.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How one component connects to its host server (XEP-0114): where, as whom, and the link's limits and timings.
 *
 * @param name             the service's config key (e.g. {@code muc}), used in messages to the admin
 * @param domain           the component's own domain, e.g. {@code conference.example.org}
 * @param secret           the shared secret; never logged
 * @param serverDomain     the host server's domain, pinged when the link is quiet (may be null)
 * @param maxStanzaBytes   a larger first-level element closes the stream with {@code policy-violation}
 * @param keepAlive        whitespace keepalive after this much write silence
 * @param readIdle         an XEP-0199 ping after this much read silence; the link closes after twice this
 * @param reconnectMin     first reconnect delay
 * @param reconnectMax     cap on reconnect delays
 * @param authFailureRetry delay before retrying after the server refused the handshake
 * @param handshakeTimeout how long to wait for the server's handshake answer
 * @param multicast        an XEP-0033 multicast service on the host server (e.g. the server's domain with
 *                         {@code mod_satellite_multicast}, or ejabberd's {@code multicast.example.org}); groupchat
 *                         broadcasts go there as one stanza per {@code multicastMaxAddresses} recipients instead of
 *                         one stanza per recipient. Null: one stanza per recipient.
 * @param multicastMaxAddresses recipients per multicast stanza (the service's limit; ejabberd's default is 20)
 */
public record LinkSettings(String name, String host, int port, String domain, String secret, String serverDomain,
                           int maxStanzaBytes, Duration keepAlive, Duration readIdle, Duration reconnectMin,
                           Duration reconnectMax, Duration authFailureRetry, Duration handshakeTimeout,
                           String multicast, int multicastMaxAddresses) {
    /** ejabberd's {@code mod_multicast} takes at most 20 addresses from a component unless configured otherwise. */
    public static final int DEFAULT_MULTICAST_MAX_ADDRESSES = 20;

    public LinkSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(readIdle, "readIdle");
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        Objects.requireNonNull(authFailureRetry, "authFailureRetry");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (multicast != null && multicast.isEmpty()) {
            multicast = null;
        }
        if (multicastMaxAddresses < 1) {
            throw new IllegalArgumentException("multicastMaxAddresses must be at least 1");
        }
    }

    /** Settings with Satellite's defaults for everything but the address and identity. */
    public static LinkSettings defaults(String name, String host, int port, String domain, String secret,
                                        String serverDomain) {
        return new LinkSettings(name, host, port, domain, secret, serverDomain, 512 * 1024, Duration.ofSeconds(30),
                Duration.ofSeconds(90), Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(20), null, DEFAULT_MULTICAST_MAX_ADDRESSES);
    }

    public LinkSettings withReconnect(Duration min, Duration max, Duration authRetry) {
        return new LinkSettings(name, host, port, domain, secret, serverDomain, maxStanzaBytes, keepAlive, readIdle,
                min, max, authRetry, handshakeTimeout, multicast, multicastMaxAddresses);
    }

    public LinkSettings withMaxStanzaBytes(int max) {
        return new LinkSettings(name, host, port, domain, secret, serverDomain, max, keepAlive, readIdle,
                reconnectMin, reconnectMax, authFailureRetry, handshakeTimeout, multicast, multicastMaxAddresses);
    }

    @Override
    public String toString() {
        return "LinkSettings[" + name + " " + domain + " -> " + host + ":" + port + ", secret=***]";
    }
}
