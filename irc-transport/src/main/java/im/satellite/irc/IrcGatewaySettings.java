package im.satellite.irc;

import im.satellite.irc.client.IrcNetwork;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gateway's validated configuration.
 *
 * @param networks             the networks users may connect to, by name (the allow-list)
 * @param allowUnlisted        whether other networks may be used (TLS on 6697, public addresses only)
 * @param allowedDomains       XMPP domains whose users may use the gateway; empty means the server's domain
 * @param maxPerUser           IRC connections per XMPP user
 * @param maxTotal             IRC connections in total
 * @param secretKey            the AES key sealing stored passwords (16/24/32 bytes)
 * @param admins               bare JIDs allowed to run admin commands
 * @param pingInterval         idle time before the gateway PINGs the IRC server
 * @param defaults             settings for unlisted networks
 */
public record IrcGatewaySettings(Map<String, IrcNetwork> networks, boolean allowUnlisted, List<String> allowedDomains,
                                 int maxPerUser, int maxTotal, byte[] secretKey, List<String> admins,
                                 Duration pingInterval, IrcNetwork defaults) {
}
