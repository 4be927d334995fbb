/**
 * XEP-0045 element models and helpers: namespaces ({@link im.satellite.muc.element.MucNs}), the status codes of
 * §15.6 ({@link im.satellite.muc.element.StatusCode}), XEP-0004 data forms, and the {@code muc#user} presence and
 * message payloads of §7 (items, status codes, destroy and invitation elements), and XEP-0359 stanza ids
 * ({@link im.satellite.muc.element.StanzaId}).
 */
package im.satellite.muc.element;
