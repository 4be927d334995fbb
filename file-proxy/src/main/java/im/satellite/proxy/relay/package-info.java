/**
 * Pairing and relaying (XEP-0065 §6.3.6 and §8.1): connections waiting for their partner or for activation, the
 * relay of an activated pair with writability backpressure and half-close, the per-user and per-transfer limits,
 * and the statistics admins see. See docs/file-proxy.md for which thread touches what.
 */
package im.satellite.proxy.relay;
