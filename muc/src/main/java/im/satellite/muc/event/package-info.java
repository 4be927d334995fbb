/**
 * The room event bus of STYLE 7.4: typed event records named after Prosody's ({@code muc-occupant-pre-join}, …),
 * priority-ordered {@link im.satellite.muc.event.RoomHooks} and vetoable results. The events mark the decision
 * points of XEP-0045 §7 (entering, messages, invitations) and §10 (configuration).
 */
package im.satellite.muc.event;
