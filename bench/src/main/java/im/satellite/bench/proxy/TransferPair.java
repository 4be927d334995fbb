package im.satellite.bench.proxy;

import java.io.IOException;
import java.net.Socket;

/**
 * The two ends of one transfer, ready for data: bytes written to {@code sender} arrive at {@code receiver}.
 *
 * @param sender the requester's socket (XEP-0065: the party that activates and sends)
 * @param receiver the target's socket
 */
public record TransferPair(Socket sender, Socket receiver) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        try {
            sender.close();
        } finally {
            receiver.close();
        }
    }
}
