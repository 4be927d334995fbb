package im.satellite.dist;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jxmpp.jid.impl.JidCreate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code satellite probe}: checks a deployment end to end, as a user would: logs in to the XMPP server as a client
 * and asks each component for its disco#info (XEP-0030) through the server.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Logs in as a user and asks each component JID for its disco#info through the server.")
final class ProbeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "the XMPP server's address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "5222", description = "its client port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--user", required = true, paramLabel = "JID", description = "the account to log in with, e.g. alice@localhost")
    String user;

    @Option(names = "--password", required = true, description = "its password")
    String password;

    @Option(names = "--insecure", description = "allow a connection without TLS (loopback try-outs only)")
    boolean insecure;

    @Parameters(paramLabel = "COMPONENT", arity = "1..*", description = "component JIDs to query, e.g. conference.localhost")
    List<String> components;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var jid = JidCreate.entityBareFrom(user);
        XMPPTCPConnectionConfiguration conf = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(jid.asDomainBareJid())
                .setHost(host).setPort(port)
                .setUsernameAndPassword(jid.getLocalpart().toString(), password)
                .setSecurityMode(insecure ? SecurityMode.disabled : SecurityMode.required)
                .build();
        XMPPTCPConnection c = new XMPPTCPConnection(conf);
        c.setReplyTimeout(10_000);
        int failed = 0;
        try {
            c.connect().login();
            out.println("Logged in as " + c.getUser() + " at " + host + ":" + port);
            ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(c);
            for (String component : components) {
                long t0 = System.nanoTime();
                try {
                    DiscoverInfo info = disco.discoverInfo(JidCreate.from(component));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    out.println(component + ": answered in " + ms + " ms");
                    info.getIdentities().forEach(i -> out.println("  identity " + i.getCategory() + "/" + i.getType()
                            + (i.getName() == null ? "" : " \"" + i.getName() + "\"")));
                    info.getFeatures().forEach(f -> out.println("  feature  " + f.getVar()));
                } catch (Exception e) {
                    failed++;
                    err.println(component + ": no answer: " + e.getMessage());
                }
            }
        } finally {
            c.disconnect();
        }
        return failed == 0 ? 0 : 1;
    }
}
