/**
 * Stanza errors (RFC 6120 §8.3): {@link im.satellite.core.error.StanzaException}, thrown by handlers, and
 * {@link im.satellite.core.error.ErrorReplies}, which builds the reply and never answers an error with an error.
 */
package im.satellite.core.error;
