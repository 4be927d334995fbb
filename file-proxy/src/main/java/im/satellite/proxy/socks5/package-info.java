/**
 * The SOCKS5 side of the proxy (RFC 1928 as profiled by XEP-0065 §6.3.2 and §8.2): the listener, its pipeline and
 * the negotiation handler built on Netty's codec-socks decoders. Only "no authentication" and CONNECT with a
 * domain-name DST.ADDR of 40 hex digits (SHA-1 of SID + requester JID + target JID) and DST.PORT 0 are accepted.
 */
package im.satellite.proxy.socks5;
