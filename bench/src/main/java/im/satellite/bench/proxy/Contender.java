package im.satellite.bench.proxy;

import java.util.List;

/** One way to move bytes between two loopback sockets: raw TCP, or a SOCKS5 Bytestreams proxy. */
public interface Contender extends AutoCloseable {
    /** The row label in the table. */
    String name();

    /**
     * Opens {@code count} transfers, negotiated and activated, ready for data.
     *
     * @param tag unique per call, so stream ids (and hashes) never repeat within a run
     */
    List<TransferPair> open(int count, String tag) throws Exception;

    /** The processes doing the relaying, for CPU accounting; none for raw loopback. */
    default List<Long> pids() {
        return List.of();
    }

    @Override
    void close() throws Exception;
}
