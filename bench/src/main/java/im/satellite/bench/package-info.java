/**
 * Benchmarks that put Satellite's figures next to the peer's or the limit's figure measured in the same run: the
 * {@code bench} command line ({@link im.satellite.bench.Bench}), repeated measurements ({@link
 * im.satellite.bench.Samples}) and the printed comparison table ({@link im.satellite.bench.ResultTable}).
 */
package im.satellite.bench;
