package im.satellite.bench.proxy;

import im.satellite.proxy.socks5.StreamHash;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A XEP-0065 proxy (Satellite's, or a server's built-in {@code mod_proxy65}) used as clients use it: the target,
 * then the requester connect to its SOCKS5 port with CONNECT to the stream hash (§6.3.2, SHA-1 of SID, requester
 * JID and target JID), then the requester sends the §6.3.6 activation IQ through its XMPP server, with Smack.
 * The target JID only enters the hash; no proxy checks that it is online.
 */
final class Socks5Proxy implements Contender {
    private final String name;
    private final String host;
    private final int port;
    private final Jid proxyJid;
    private final XMPPTCPConnection requester;
    private final Jid target;
    private final List<Long> pids;

    Socks5Proxy(String name, String host, int port, String proxyJid, XMPPTCPConnection requester, String target,
            List<Long> pids) throws Exception {
        this.pids = List.copyOf(pids);
        this.name = name;
        this.host = host;
        this.port = port;
        this.proxyJid = JidCreate.from(proxyJid);
        this.requester = requester;
        this.target = JidCreate.from(target);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Long> pids() {
        return pids;
    }

    @Override
    public List<TransferPair> open(int count, String tag) throws Exception {
        List<TransferPair> pairs = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String sid = "bench-" + tag + "-" + i;
                StreamHash hash = StreamHash.of(sid, requester.getUser().toString(), target.toString());
                Socket receiver = connect(hash);
                Socket sender;
                try {
                    sender = connect(hash);
                } catch (IOException | RuntimeException e) {
                    receiver.close();
                    throw e;
                }
                pairs.add(new TransferPair(sender, receiver));
                activate(sid);
            }
            return pairs;
        } catch (Exception e) {
            for (TransferPair p : pairs) {
                p.close();
            }
            throw e;
        }
    }

    private void activate(String sid) throws Exception {
        Bytestream activation = new Bytestream(sid);
        activation.setMode(null);
        activation.setType(IQ.Type.set);
        activation.setTo(proxyJid);
        activation.setToActivate(target);
        requester.createStanzaCollectorAndSend(activation).nextResultOrThrow();
    }

    /** Connects and negotiates CONNECT to the hash, no authentication (RFC 1928 as profiled by §6.3.2). */
    private Socket connect(StreamHash hash) throws IOException {
        Socket s = new Socket(host, port);
        try {
            s.setSoTimeout(30_000);
            OutputStream o = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            o.write(new byte[] {5, 1, 0});
            byte[] method = new byte[2];
            in.readFully(method);
            if (method[1] != 0) {
                throw new IOException(name + " refused 'no authentication': " + method[1]);
            }
            byte[] addr = hash.hex().getBytes(StandardCharsets.US_ASCII);
            byte[] req = new byte[7 + addr.length];
            req[0] = 5;
            req[1] = 1;
            req[3] = 3;
            req[4] = (byte) addr.length;
            System.arraycopy(addr, 0, req, 5, addr.length);
            o.write(req);
            byte[] head = new byte[4];
            in.readFully(head);
            int rest = head[3] == 3 ? in.readUnsignedByte() + 2 : head[3] == 1 ? 6 : 18;
            in.readFully(new byte[rest]);
            if (head[1] != 0) {
                throw new IOException(name + " answered CONNECT with status " + head[1]);
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public void close() {
        // The requester's connection and the proxy belong to the command, which closes them.
    }
}
