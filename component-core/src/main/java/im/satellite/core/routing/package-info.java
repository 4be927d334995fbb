/**
 * Stanza routing (STYLE 7.3): {@link im.satellite.core.routing.Routes} is a service's routing surface, keyed like
 * Prosody's events; {@link im.satellite.core.routing.Router} applies RFC 6120 §8 rules: one response per IQ,
 * {@code service-unavailable} for unknown namespaces, no answer to errors.
 */
package im.satellite.core.routing;
