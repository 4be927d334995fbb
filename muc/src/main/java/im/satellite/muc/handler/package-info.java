/**
 * The stanza handlers of the MUC service (STYLE 7.4): presence (XEP-0045 §7.1-§7.2, §7.6, §7.14), groupchat,
 * subject, invitations and voice requests (§7.4, §7.8, §7.13, §8.1, §8.6), private messages (§7.5), the
 * {@code muc#admin} (§8, §9) and {@code muc#owner} (§10) queries, room registration (§7.10, XEP-0077) and discovery
 * (§6, XEP-0059 paging, XEP-0307 unique names), IQs to occupants with the XEP-0410 self-ping optimisation, the
 * room's vCard-temp (XEP-0486 avatars), ghost removal on bounced errors (status 333), XEP-0313 archive queries on
 * the room's bare JID ({@link im.satellite.muc.handler.MamQueryHandler}) and XEP-0425 moderation
 * ({@link im.satellite.muc.handler.ModerationHandler}). They decide; the room core keeps state and broadcasts.
 */
package im.satellite.muc.handler;
