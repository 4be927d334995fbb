package im.satellite.irc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.persistence.Database;
import im.satellite.persistence.DatabaseConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords at rest: AES-GCM sealed, bound to their owner, and round-tripped through the real schema. */
class SecretStoreTest {
    private final SecretBox box = new SecretBox(new byte[32]);

    @Test
    void sealsWithAFreshNonceAndOpensOnlyForTheSameOwnerAndKey() {
        String a = box.seal("hunter2", "romeo@localhost irc.test");
        String b = box.seal("hunter2", "romeo@localhost irc.test");
        assertNotEquals(a, b, "random nonce per value");
        assertFalse(a.contains("hunter2"));
        assertEquals("hunter2", box.open(a, "romeo@localhost irc.test"));
        assertThrows(IllegalArgumentException.class, () -> box.open(a, "juliet@localhost irc.test"));
        byte[] other = new byte[32];
        other[0] = 1;
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(other).open(a, "romeo@localhost irc.test"));
        byte[] raw = java.util.Base64.getDecoder().decode(a.substring(3));
        raw[raw.length - 20] ^= 1;
        String tampered = "v1:" + java.util.Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalArgumentException.class, () -> box.open(tampered, "romeo@localhost irc.test"));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[7]));
    }

    @Test
    void storeRoundTripsAndNeverWritesPasswordsInClear(@TempDir Path dir) {
        try (Database db = Database.open(DatabaseConfig.sqlite(dir.resolve("irc.db")))) {
            db.migrate("irc", "classpath:db/irc");
            IrcAccountStore store = new IrcAccountStore(db.jdbc(), box);
            store.save(new IrcAccount("romeo@localhost", "irc.test", "romeo", "rm", "Romeo", "s3cret", "ns-pass",
                    List.of("#a", "#b")));
            IrcAccount back = store.find("romeo@localhost", "irc.test").orElseThrow();
            assertEquals("s3cret", back.saslPassword());
            assertEquals("ns-pass", back.nickservPassword());
            assertEquals(List.of("#a", "#b"), back.stayChannels());
            String raw = store.rawSaslColumn("romeo@localhost", "irc.test").orElseThrow();
            assertTrue(raw.startsWith("v1:") && !raw.contains("s3cret"), raw);
            store.save(new IrcAccount("romeo@localhost", "irc.test", "romeo2", null, null, null, null, List.of()));
            assertEquals("romeo2", store.find("romeo@localhost", "irc.test").orElseThrow().nick());
            assertTrue(store.find("juliet@localhost", "irc.test").isEmpty());
        }
    }
}
