/**
 * The IRC wire protocol on Netty: {@link im.satellite.irc.protocol.IrcMessage} (RFC 1459 §2.3.1 with IRCv3 message
 * tags), the line codec, ISUPPORT (RPL_ISUPPORT 005) and the case mappings it announces, mIRC formatting, CTCP and
 * byte-limited line splitting. Nothing here knows about XMPP.
 */
package im.satellite.irc.protocol;
