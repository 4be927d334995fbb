/**
 * Room features as plugins (STYLE 7.4), one file each: lock (XEP-0045 §10.1.1), name, description, language,
 * public/hidden, persistent, password (§7.2.6), members-only (§7.2.7), moderated, whois (§4.2), logging, subject
 * (§8.1), history (§7.2.15, XEP-0203), private-message policy (§7.5), maximum occupants (§7.2.10) and invitations
 * (§7.8.2), room avatars (XEP-0486). Each declares its own {@link im.satellite.muc.room.RoomKey}s and config form fields.
 */
package im.satellite.muc.feature;
