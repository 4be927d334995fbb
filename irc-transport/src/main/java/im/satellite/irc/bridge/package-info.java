/**
 * The bridge between XMPP users and their IRC connections (the biboumi pattern): one {@link
 * im.satellite.irc.bridge.Bridge} per XMPP user, one {@link im.satellite.irc.bridge.NetworkSession} per IRC network
 * that user is on, one {@link im.satellite.irc.bridge.ChannelBridge} per channel presented as an XEP-0045 room
 * (§7.2 entering, §7.4 messages, §7.6 nick changes, §7.8 private messages, §8.2 subject, §8.4 kicking, §7.2.x join
 * errors). IRC channels are addressed as {@code #channel%network@gateway} with XEP-0106 escaping (XEP-0100 §2).
 * All state here runs on the owning user's lane.
 */
package im.satellite.irc.bridge;
