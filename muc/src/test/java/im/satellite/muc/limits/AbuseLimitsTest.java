package im.satellite.muc.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.error.StanzaException;
import im.satellite.core.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/** The limits' state stays bounded: windows that are over are forgotten, per-room maps keep the most recent users. */
class AbuseLimitsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void roomCreationCountsAreRefusedAtTheLimitAndPurgedWhenTheirWindowIsOver() {
        Limits l = new Limits(0, Duration.ofSeconds(1), 0, Duration.ofMinutes(1), 2, Duration.ofHours(1));
        AbuseLimits limits = new AbuseLimits(l, clock, Set.of("boss@example.org"));
        for (int i = 0; i < 100; i++) {
            limits.roomCreated(new JID("user" + i + "@example.org/r"));
        }
        limits.roomCreated(new JID("User0@example.org/other"));
        StanzaException e = assertThrows(StanzaException.class,
                () -> limits.roomCreated(new JID("user0@example.org/r")), "the third room in the window");
        assertEquals("policy-violation", e.condition());
        for (int i = 0; i < 5; i++) {
            limits.roomCreated(new JID("boss@example.org/r"));
        }
        assertEquals(100, limits.tracked(), "admins are not counted");
        clock.advance(Duration.ofMinutes(59));
        limits.purge();
        assertEquals(100, limits.tracked(), "windows still running are kept");
        clock.advance(Duration.ofMinutes(1));
        limits.purge();
        assertEquals(0, limits.tracked(), "windows that are over are forgotten");
        limits.roomCreated(new JID("user0@example.org/r"));
    }

    @Test
    void boundedWindowsKeepTheMostRecentUsers() {
        Map<String, Window> m = Window.bounded(2);
        m.put("a", new Window(clock.instant(), 1));
        m.put("b", new Window(clock.instant(), 1));
        m.get("a");
        m.put("c", new Window(clock.instant(), 1));
        assertEquals(Set.of("a", "c"), m.keySet(), "the least recently used goes first");
    }

    @Test
    void aTokenBucketRefillsOneTokenPerInterval() {
        TokenBucket b = new TokenBucket(2, Duration.ofSeconds(10), clock.instant());
        assertTrue(b.take(clock.instant()));
        assertTrue(b.take(clock.instant()));
        assertFalse(b.take(clock.instant()));
        assertFalse(b.take(clock.instant().plusSeconds(9)));
        assertTrue(b.take(clock.instant().plusSeconds(10)));
        assertFalse(b.take(clock.instant().plusSeconds(10)));
        assertTrue(b.take(clock.instant().plusSeconds(1000)));
        assertTrue(b.take(clock.instant().plusSeconds(1000)), "refills up to its size only");
        assertFalse(b.take(clock.instant().plusSeconds(1000)));
    }
}
