/**
 * IRC client connections on Satellite's own Netty event loops: one {@link im.satellite.irc.client.IrcConnection} per
 * XMPP user per IRC network, with IRCv3 capability negotiation (CAP LS 302), SASL PLAIN, server passwords, NickServ
 * identification, PING/PONG, a flood-control token bucket, and reconnection with backoff. Events are handed to the
 * owning user's lane; the event loop only does I/O.
 */
package im.satellite.irc.client;
