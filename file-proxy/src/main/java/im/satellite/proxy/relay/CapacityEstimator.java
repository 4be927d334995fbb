package im.satellite.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.MessageSizeEstimator;

/**
 * Counts a queued buffer at its capacity rather than its readable bytes, so that the write-buffer water marks bound
 * the memory a relay really holds: a sender trickling one byte per read would otherwise queue a whole read buffer
 * per byte while the water mark saw almost nothing (XEP-0065 §10, denial of service).
 */
public final class CapacityEstimator implements MessageSizeEstimator {
    public static final CapacityEstimator INSTANCE = new CapacityEstimator();
    private static final Handle HANDLE = msg -> {
        if (msg instanceof ByteBuf b) {
            return b.capacity();
        }
        if (msg instanceof ByteBufHolder h) {
            return h.content().capacity();
        }
        return 8;
    };

    private CapacityEstimator() {
    }

    @Override
    public Handle newHandle() {
        return HANDLE;
    }
}
