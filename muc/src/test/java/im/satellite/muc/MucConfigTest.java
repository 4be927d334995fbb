package im.satellite.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.config.ConfigException;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.config.SatelliteConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/** The service's options (docs/muc.md): defaults, creation policy, and every mistake reported with its key. */
class MucConfigTest {
    private static MucConfig parse(String options) {
        SatelliteConfig c = new ConfigLoader(List.of(new MucServiceFactory())).parse("""
                server: {host: 127.0.0.1, port: 5347, domain: example.org}
                components:
                  muc:
                    subdomain: conference.example.org
                    secret: s
                """ + options.lines().map(l -> "    " + l + "\n").reduce("", String::concat), "test");
        return (MucConfig) c.components().get(0).settings();
    }

    @Test
    void defaultsLetLocalUsersCreateRooms() {
        MucConfig c = parse("");
        assertEquals("local", c.createRooms());
        assertEquals(20, c.historyLength());
        assertTrue(c.mayCreate(new JID("juliet@example.org/r"), "example.org"), "a local user may create rooms");
        assertFalse(c.mayCreate(new JID("mallory@evil.example/r"), "example.org"), "a remote user may not");
        assertFalse(c.mayCreate(new JID("example.org"), "example.org"), "the server itself is no user");
        assertEquals("true", c.roomDefaults().get("public"));
        assertEquals("false", c.roomDefaults().get("persistent"));
        assertEquals("moderators", c.roomDefaults().get("whois"));
        assertEquals(java.time.Duration.ofSeconds(30), c.occupantIqTimeout());
        assertEquals(java.time.Duration.ofMinutes(30), c.idleUnload());
        assertEquals(1000, c.maxLoadedRooms());
        assertEquals(128 * 1024, c.maxAvatarSize());
    }

    @Test
    void theAvatarLimitIsASize() {
        assertEquals(64 * 1024, parse("max-avatar-size: 64KiB").maxAvatarSize());
        ConfigException e = assertThrows(ConfigException.class, () -> parse("max-avatar-size: big"));
        assertTrue(e.getMessage().contains("components.muc.max-avatar-size"), e.getMessage());
    }

    @Test
    void unloadingAndForwardingTimesAreDurations() {
        MucConfig c = parse("idle-room-unload: 2h\nmax-idle-rooms: 5\noccupant-iq-timeout: 500ms");
        assertEquals(java.time.Duration.ofHours(2), c.idleUnload());
        assertEquals(5, c.maxLoadedRooms());
        assertEquals(java.time.Duration.ofMillis(500), c.occupantIqTimeout());
        ConfigException e = assertThrows(ConfigException.class, () -> parse("idle-room-unload: soon"));
        assertTrue(e.getMessage().contains("components.muc.idle-room-unload"), e.getMessage());
    }

    @Test
    void archivingIsOnByDefaultWithANinetyDayRetention() {
        MucConfig c = parse("");
        assertEquals("true", c.roomDefaults().get("archiving"));
        assertEquals(java.time.Duration.ofDays(90), c.archiveRetention());
        MucConfig off = parse("archive-retention: 0\nroom-defaults: {archiving: false}");
        assertEquals(java.time.Duration.ZERO, off.archiveRetention(), "0 keeps archives forever");
        assertEquals("false", off.roomDefaults().get("archiving"));
        assertEquals(java.time.Duration.ofDays(7), parse("archive-retention: 7d").archiveRetention());
        ConfigException e = assertThrows(ConfigException.class, () -> parse("archive-retention: forever"));
        assertTrue(e.getMessage().contains("components.muc.archive-retention"), e.getMessage());
    }

    @Test
    void listedCreatorsAndDomains() {
        MucConfig c = parse("create-rooms: listed\nroom-creators: [ops.example.org, Boss@Example.org]\nadmins: [root@example.org]");
        assertTrue(c.mayCreate(new JID("boss@example.org/x"), "example.org"));
        assertTrue(c.mayCreate(new JID("anyone@ops.example.org/x"), "example.org"), "a listed domain");
        assertTrue(c.mayCreate(new JID("root@example.org/x"), "example.org"), "service admins always may");
        assertFalse(c.mayCreate(new JID("juliet@example.org/x"), "example.org"));
    }

    @Test
    void mistakesAreReportedWithTheirKeys() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(
                "create-rooms: everybody\nhistory-length: -1\nfeatures: [password, telepathy]\n"
                        + "room-defaults: {whois: nobody, colour: red}\nbogus: 1"));
        String m = e.getMessage();
        assertTrue(m.contains("components.muc.create-rooms"), m);
        assertTrue(m.contains("components.muc.history-length"), m);
        assertTrue(m.contains("telepathy"), m);
        assertTrue(m.contains("components.muc.room-defaults.whois"), m);
        assertTrue(m.contains("components.muc.room-defaults.colour: unknown key"), m);
        assertTrue(m.contains("components.muc.bogus: unknown key"), m);
    }

    @Test
    void abuseLimitsHaveDefaultsAndAreChecked() {
        assertEquals(im.satellite.muc.limits.Limits.DEFAULTS, parse("").limits());
        im.satellite.muc.limits.Limits l = parse("limits: {message-burst: 0, rooms-created: 3, rooms-window: 1d}")
                .limits();
        assertEquals(0, l.messageBurst(), "0 turns the message limit off");
        assertEquals(3, l.roomsCreated());
        assertEquals(java.time.Duration.ofDays(1), l.roomsWindow());
        ConfigException e = assertThrows(ConfigException.class, () -> parse("limits: {message-interval: 0s}"));
        assertTrue(e.getMessage().contains("components.muc.limits.message-interval"), e.getMessage());
        ConfigException typo = assertThrows(ConfigException.class, () -> parse("limits: {message-brust: 3}"));
        assertTrue(typo.getMessage().contains("message-brust"), typo.getMessage());
    }
}
