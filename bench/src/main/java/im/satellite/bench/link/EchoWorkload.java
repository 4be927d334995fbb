package im.satellite.bench.link;

import java.nio.charset.StandardCharsets;

/**
 * Chat messages to {@code e<k>@<component>} for {@code k} cycling over 64 addresses (so the component's lanes,
 * keyed by bare {@code to} JID, run in parallel), each echoed once by {@code EchoServiceFactory}'s service.
 */
public final class EchoWorkload implements Workload {
    private static final int ADDRESSES = 64;
    private final byte[][] prefixes = new byte[ADDRESSES][];
    private final byte[] suffix = "'><body>The quick brown fox jumps over the lazy dog.</body></message>"
            .getBytes(StandardCharsets.UTF_8);

    /** @param component the component's domain, e.g. {@code echo.localhost} */
    public EchoWorkload(String component) {
        for (int k = 0; k < ADDRESSES; k++) {
            prefixes[k] = ("<message from='driver@localhost/bench' to='e" + k + "@" + component
                    + "' type='chat' id='").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public int maxStanzaBytes() {
        return prefixes[ADDRESSES - 1].length + 20 + suffix.length;
    }

    @Override
    public int write(long seq, byte[] buf, int off) {
        byte[] prefix = prefixes[(int) (seq % ADDRESSES)];
        System.arraycopy(prefix, 0, buf, off, prefix.length);
        int pos = off + prefix.length;
        pos = writeDecimal(seq, buf, pos);
        System.arraycopy(suffix, 0, buf, pos, suffix.length);
        return pos + suffix.length - off;
    }

    @Override
    public int repliesPerStanza() {
        return 1;
    }

    /** Writes a non-negative number in ASCII decimal; returns the position after it. */
    public static int writeDecimal(long value, byte[] buf, int pos) {
        if (value == 0) {
            buf[pos] = '0';
            return pos + 1;
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10) {
            digits++;
        }
        long v = value;
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return pos + digits;
    }
}
