package im.satellite.bench.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Moves bytes through opened transfers, all at once, with blocking sockets and 256 KiB buffers (one sender and
 * one receiver thread per transfer). The clock runs from the start of the sends until the last receiver has all
 * its bytes; receivers count bytes rather than wait for EOF, because Prosody's proxy holds the tail of a
 * transfer until the sender closes.
 */
final class Transfers {
    private static final int CHUNK = 256 * 1024;

    private Transfers() {
    }

    /** Sends {@code bytesEach} over every pair at once; returns the aggregate MB/s (10^6 bytes per second). */
    static double run(List<TransferPair> pairs, long bytesEach) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(pairs.size() * 2);
        try {
            List<Future<Long>> received = new ArrayList<>();
            List<Future<?>> sent = new ArrayList<>();
            long start = System.nanoTime();
            for (TransferPair p : pairs) {
                received.add(threads.submit(() -> receive(p.receiver().getInputStream(), bytesEach)));
                sent.add(threads.submit(() -> {
                    send(p.sender().getOutputStream(), bytesEach);
                    p.sender().shutdownOutput();
                    return null;
                }));
            }
            long total = 0;
            for (Future<Long> r : received) {
                total += r.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Future<?> s : sent) {
                s.get();
            }
            return total / 1e6 / seconds;
        } catch (ExecutionException e) {
            throw new IOException("a transfer failed: " + e.getCause(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    private static void send(OutputStream out, long bytes) throws IOException {
        byte[] buf = new byte[CHUNK];
        for (long left = bytes; left > 0; left -= CHUNK) {
            out.write(buf, 0, (int) Math.min(CHUNK, left));
        }
        out.flush();
    }

    private static long receive(InputStream in, long bytes) throws IOException {
        byte[] buf = new byte[CHUNK];
        long got = 0;
        while (got < bytes) {
            int r = in.read(buf, 0, (int) Math.min(CHUNK, bytes - got));
            if (r < 0) {
                throw new IOException("EOF after " + got + " of " + bytes + " bytes");
            }
            got += r;
        }
        return got;
    }
}
