package im.satellite.irc.store;

import java.util.List;
import java.util.Objects;

/**
 * One user's settings for one IRC network; blank values mean "use the default".
 *
 * @param userJid          the XMPP bare JID
 * @param network          the network name
 * @param nick             the preferred nick, or null
 * @param username         the USER name, or null
 * @param realname         the real name, or null
 * @param saslPassword     the SASL PLAIN password in clear, or null
 * @param nickservPassword the NickServ password in clear, or null
 * @param stayChannels     channels kept joined when the user leaves the room
 */
public record IrcAccount(String userJid, String network, String nick, String username, String realname,
                         String saslPassword, String nickservPassword, List<String> stayChannels) {
    public IrcAccount {
        Objects.requireNonNull(userJid);
        Objects.requireNonNull(network);
        stayChannels = List.copyOf(stayChannels);
    }

    public static IrcAccount empty(String userJid, String network) {
        return new IrcAccount(userJid, network, null, null, null, null, null, List.of());
    }
}
