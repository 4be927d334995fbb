package im.satellite.irc.client;

import java.util.Objects;

/**
 * Who the gateway registers as on one network for one user.
 *
 * @param nick              the wanted nick
 * @param username          the USER name (ident)
 * @param realname          the USER real name
 * @param saslPassword      SASL PLAIN password (account = {@code saslAccount}), or null
 * @param saslAccount       SASL account name; the nick when null
 * @param nickservPassword  password for {@code PRIVMSG NickServ :IDENTIFY}, or null
 */
public record IrcIdentity(String nick, String username, String realname, String saslPassword, String saslAccount,
                          String nickservPassword) {
    public IrcIdentity {
        Objects.requireNonNull(nick, "nick");
        username = username == null || username.isBlank() ? nick : username;
        realname = realname == null || realname.isBlank() ? nick : realname;
    }

    public IrcIdentity withNick(String newNick) {
        return new IrcIdentity(newNick, username, realname, saslPassword, saslAccount, nickservPassword);
    }
}
