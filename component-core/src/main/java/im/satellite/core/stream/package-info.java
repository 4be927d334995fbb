/**
 * XEP-0114 on Netty: the component link's pipeline (stream decoding, handshake, keepalive, stanza hand-off) and the
 * {@link im.satellite.core.stream.ComponentConnector}, which keeps the link up with backoff and jitter.
 */
package im.satellite.core.stream;
