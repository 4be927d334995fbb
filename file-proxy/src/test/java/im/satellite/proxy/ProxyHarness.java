package im.satellite.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import im.satellite.core.ServiceContext;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.config.SatelliteConfig;
import im.satellite.core.disco.BuiltinRoutes;
import im.satellite.core.exec.KeyedSerialExecutor;
import im.satellite.core.iq.IqTracker;
import im.satellite.core.routing.Router;
import im.satellite.core.testkit.CapturingOutbound;
import im.satellite.proxy.socks5.StreamHash;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dom4j.DocumentHelper;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * The proxy service in-process, without a component link: IQs are routed straight into its router (on the host
 * lane, as the runtime does) and replies captured; its SOCKS5 listener is real, on a loopback port.
 */
public final class ProxyHarness implements AutoCloseable {
    public static final JID SERVICE = new JID("proxy.localhost");

    private final CapturingOutbound out = new CapturingOutbound();
    private final List<Packet> seen = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final KeyedSerialExecutor lanes = new KeyedSerialExecutor("proxy-test-lane", 2, 10_000, p -> { });
    private final FileProxyService service;
    private final Router router;
    /** The loopback address clients connect to: the bind address, 127.0.0.1 unless the options set another. */
    private final String socksHost;

    public ProxyHarness(String options) {
        this(options, PooledByteBufAllocator.DEFAULT);
    }

    public ProxyHarness(String options, ByteBufAllocator allocator) {
        String bind = options.contains("socks-bind") ? "" : "socks-bind: 127.0.0.1\n";
        SatelliteConfig cfg = new ConfigLoader(List.of(new FileProxyServiceFactory())).parse("""
                server: {host: 127.0.0.1, port: 5347, domain: localhost}
                components:
                  proxy:
                    subdomain: proxy.localhost
                    secret: s3cret
                    socks-port: 0
                """ + (bind + options).indent(4), "test");
        ProxyConfig settings = (ProxyConfig) cfg.components().get(0).settings();
        socksHost = settings.socksBind();
        IqTracker tracker = new IqTracker(out, timer);
        ServiceContext ctx = new ServiceContext("proxy", SERVICE, "localhost", out, tracker, lanes, null, timer,
                Clock.systemUTC(), null, paused -> { });
        service = new FileProxyService(settings, ctx, allocator);
        router = new Router(SERVICE, service.routes().withFallback(BuiltinRoutes.routes(service::discoInfo,
                Clock.systemUTC())), out, tracker);
    }

    public FileProxyService service() {
        return service;
    }

    public int port() {
        return service.socksPort();
    }

    /** Routes an IQ (XML in jabber:client form) on the host lane and returns the response to it. */
    public IQ iq(String xml) throws Exception {
        IQ in = new IQ(DocumentHelper.parseText(xml).getRootElement(), true);
        lanes.execute(SERVICE.getDomain(), () -> router.route(in));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (seen) {
                seen.addAll(out.drain());
                for (Packet p : seen) {
                    if (p instanceof IQ r && in.getID().equals(r.getID())) {
                        seen.remove(p);
                        return r;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no response to iq " + in.getID());
    }

    /** Sends the §6.3.6 activation IQ. */
    public IQ activate(String requester, String sid, String target) throws Exception {
        return iq("<iq type='set' id='act-" + sid + "' from='" + requester + "' to='proxy.localhost'>"
                + "<query xmlns='http://jabber.org/protocol/bytestreams' sid='" + sid + "'>"
                + "<activate>" + target + "</activate></query></iq>");
    }

    /** The error condition of an IQ error, or "result". */
    public static String outcome(IQ r) {
        if (r.getType() == IQ.Type.result) {
            return "result";
        }
        assertNotNull(r.getError(), "an error IQ carries an error");
        return r.getError().getCondition().toXMPP();
    }

    /**
     * Opens a SOCKS5 connection and negotiates CONNECT to {@code hash} (XEP-0065 §6.3.2), as a client would.
     * Returns the connected socket, or fails if the proxy does not answer with success.
     */
    public Socket connect(StreamHash hash) throws IOException {
        Socket s = new Socket(socksHost, port());
        int status = negotiate(s, hash.hex());
        assertEquals(0, status, "the proxy accepts CONNECT to a stream hash");
        return s;
    }

    /** Runs the SOCKS5 greeting and CONNECT; returns the reply's status byte. */
    public static int negotiate(Socket s, String dstAddr) throws IOException {
        s.setSoTimeout(10_000);
        OutputStream o = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        o.write(new byte[] {5, 1, 0});
        byte[] method = new byte[2];
        in.readFully(method);
        assertEquals(0, method[1], "the proxy picks 'no authentication'");
        byte[] addr = dstAddr.getBytes(StandardCharsets.US_ASCII);
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
        return head[1];
    }

    /** Reads until EOF; returns the byte count (the socket's timeout bounds the wait). */
    public static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        for (int r; (r = in.read(buf)) >= 0; ) {
            n += r;
        }
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        service.close();
        lanes.shutdown(2000);
        timer.shutdownNow();
    }
}
