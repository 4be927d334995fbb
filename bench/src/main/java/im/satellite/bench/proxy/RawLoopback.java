package im.satellite.bench.proxy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** The physical limit: the sender connected straight to the receiver over loopback TCP, no proxy. */
final class RawLoopback implements Contender {
    static final String NAME = "raw loopback (limit)";
    private final ServerSocket server;

    RawLoopback() throws Exception {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TransferPair> open(int count, String tag) throws Exception {
        List<TransferPair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket sender = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            pairs.add(new TransferPair(sender, server.accept()));
        }
        return pairs;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
