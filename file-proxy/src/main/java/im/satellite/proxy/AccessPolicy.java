package im.satellite.proxy;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * Who may use the proxy (XEP-0065 §6.3.1: a proxy "might enable administrators to ban JIDs or domains"; §10 on
 * denial of service). By default the users of the host server's domain; configured domains add their users,
 * configured bare JIDs add those entities.
 */
public final class AccessPolicy {
    private final Set<String> domains;
    private final Set<String> jids;

    public AccessPolicy(String serverDomain, Collection<String> allowDomains, Collection<String> allowJids) {
        java.util.HashSet<String> d = new java.util.HashSet<>();
        if (serverDomain != null) {
            d.add(serverDomain.toLowerCase(Locale.ROOT));
        }
        allowDomains.forEach(x -> d.add(x.toLowerCase(Locale.ROOT)));
        this.domains = Set.copyOf(d);
        this.jids = Set.copyOf(allowJids.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList());
    }

    /** Whether {@code requester} may query the streamhost and activate bytestreams. */
    public boolean allows(JID requester) {
        if (requester == null) {
            return false;
        }
        if (jids.contains(requester.toBareJID().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return requester.getNode() != null && domains.contains(requester.getDomain().toLowerCase(Locale.ROOT));
    }
}
