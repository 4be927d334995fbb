/**
 * The XEP-0065 SOCKS5 Bytestreams proxy component ("streamhost", e.g. {@code proxy.example.org}): the service, its
 * settings and its access policy. Clients discover it through XEP-0030 (identity {@code proxy/bytestreams},
 * XEP-0065 §6.2), ask for its network address (§6.3.1 streamhost query), connect to its SOCKS5 listener and ask it to
 * activate the bytestream (§6.3.6). XEP-0260 Jingle S5B uses the same proxy flow, so it works unchanged.
 */
package im.satellite.proxy;
