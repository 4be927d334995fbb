/** Outbound IQ correlation with timeouts (RFC 6120 §8.2.3). */
package im.satellite.core.iq;
