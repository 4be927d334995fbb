/**
 * The {@code link} benchmark and the reusable load driver behind it: a XEP-0114 <em>server</em> side (§3, the
 * accept protocol: stream header, {@code <handshake/>} with SHA-1 of stream id and secret) that a component
 * connects to, a windowed send loop, a receive loop that counts stanzas by scanning bytes (no XML parsing) and
 * round-trip latency by stanza id (HdrHistogram). Against the trivial echo component it measures what the
 * protocol and the runtime cost; the MUC fan-out benchmark plugs a groupchat {@link im.satellite.bench.link.Workload}
 * with several replies per stanza into the same {@link im.satellite.bench.link.WindowedLoad}.
 */
package im.satellite.bench.link;
