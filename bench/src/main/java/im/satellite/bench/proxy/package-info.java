/**
 * The {@code proxy} benchmark: relay throughput of XEP-0065 SOCKS5 Bytestreams proxies (§6, "mediated
 * connection") for one transfer and for many concurrent ones, next to raw loopback TCP. Each relayed transfer
 * does what clients do: the target and the requester CONNECT with the stream hash (§6.3.2), then the requester
 * activates the stream with an IQ sent through the XMPP server (§6.3.6).
 */
package im.satellite.bench.proxy;
