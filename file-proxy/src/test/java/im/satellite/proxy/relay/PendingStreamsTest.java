package im.satellite.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import im.satellite.proxy.socks5.StreamHash;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Pairing by hash (XEP-0065 §6.3.2–§6.3.6, §8.1): two connections per hash, one activation, then free again. */
class PendingStreamsTest {
    private final PendingStreams pending = new PendingStreams();
    private final StreamHash hash = StreamHash.of("sid", "a@localhost/r", "b@localhost/r");
    private final EmbeddedChannel a = new EmbeddedChannel();
    private final EmbeddedChannel b = new EmbeddedChannel();
    private final EmbeddedChannel c = new EmbeddedChannel();

    @Test
    void pairsTwoConnectionsAndRefusesAThird() {
        assertEquals(PendingStreams.Registration.FIRST, pending.register(hash, a));
        assertEquals(PendingStreams.Registration.SECOND, pending.register(hash, b));
        assertEquals(PendingStreams.Registration.REFUSED, pending.register(hash, c));
        PendingStreams.Claim.Pair p = assertInstanceOf(PendingStreams.Claim.Pair.class, pending.claim(hash));
        assertEquals(a, p.first());
        assertEquals(b, p.second());
        assertEquals(0, pending.waiting());
    }

    @Test
    void claimsOnlyOnce() {
        pending.register(hash, a);
        pending.register(hash, b);
        assertInstanceOf(PendingStreams.Claim.Pair.class, pending.claim(hash));
        assertInstanceOf(PendingStreams.Claim.AlreadyActive.class, pending.claim(hash));
        assertEquals(PendingStreams.Registration.REFUSED, pending.register(hash, c),
                "a third connection is refused while the relay runs");
        pending.release(hash);
        assertInstanceOf(PendingStreams.Claim.Unknown.class, pending.claim(hash));
    }

    @Test
    void reportsAMissingSide() {
        assertInstanceOf(PendingStreams.Claim.Unknown.class, pending.claim(hash));
        pending.register(hash, a);
        assertInstanceOf(PendingStreams.Claim.OneSide.class, pending.claim(hash));
    }

    @Test
    void aLeavingConnectionMakesRoomForAnother() {
        pending.register(hash, a);
        pending.register(hash, b);
        pending.unregister(hash, a);
        assertEquals(1, pending.waiting());
        assertEquals(PendingStreams.Registration.SECOND, pending.register(hash, c));
        PendingStreams.Claim.Pair p = assertInstanceOf(PendingStreams.Claim.Pair.class, pending.claim(hash));
        assertEquals(b, p.first());
        assertEquals(c, p.second());
    }

    @Test
    void unregisteringAfterActivationLeavesThePairToItsRelay() {
        pending.register(hash, a);
        pending.register(hash, b);
        pending.claim(hash);
        pending.unregister(hash, a);
        assertInstanceOf(PendingStreams.Claim.AlreadyActive.class, pending.claim(hash));
    }
}
