/**
 * The gateway's XMPP face beyond rooms: which networks and users are allowed (XEP-0100 §4 policy), the channel list
 * as disco#items with XEP-0059 paging, and XEP-0050 ad-hoc commands for user settings and administration.
 */
package im.satellite.irc.gateway;
