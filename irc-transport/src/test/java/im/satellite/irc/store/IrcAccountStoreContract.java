package im.satellite.irc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.persistence.Database;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link IrcAccountStore} must do on every supported database, over the service's own {@code db/irc}
 * migrations: {@code SqliteIrcAccountStoreTest} runs it on SQLite, {@code IrcStorePostgresIT} on PostgreSQL.
 */
abstract class IrcAccountStoreContract {

    private static final String ROMEO = "romeo@localhost";

    private final SecretBox box = new SecretBox("0123456789abcdef0123456789abcdef".getBytes());
    private Database db;
    private IrcAccountStore store;

    /** A new, empty database. */
    abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
        db.migrate("irc", "classpath:db/irc");
        store = new IrcAccountStore(db.jdbc(), box);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void settingsRoundTripWithPasswordsSealedAtRest() {
        store.save(new IrcAccount(ROMEO, "irc.test", "romeo", "rm", "Roméo Montague ☂", "s3cret", "ns-pass",
                List.of("#a", "#b")));

        IrcAccount back = store.find(ROMEO, "irc.test").orElseThrow();
        assertEquals(new IrcAccount(ROMEO, "irc.test", "romeo", "rm", "Roméo Montague ☂", "s3cret", "ns-pass",
                List.of("#a", "#b")), back);
        String sasl = store.rawSaslColumn(ROMEO, "irc.test").orElseThrow();
        assertTrue(sasl.startsWith("v1:") && !sasl.contains("s3cret"), sasl);
        String nickserv = db.jdbc().queryOne("SELECT nickserv_password FROM irc_accounts WHERE user_jid = ?",
                r -> r.getString(1), ROMEO).orElseThrow();
        assertTrue(nickserv.startsWith("v1:") && !nickserv.contains("ns-pass"), nickserv);
    }

    @Test
    void savingAgainReplacesEveryFieldIncludingClearedOnes() {
        store.save(new IrcAccount(ROMEO, "irc.test", "romeo", "rm", "Romeo", "s3cret", "ns-pass", List.of("#a")));

        store.save(new IrcAccount(ROMEO, "irc.test", "romeo2", null, null, null, null, List.of()));

        IrcAccount back = store.find(ROMEO, "irc.test").orElseThrow();
        assertEquals(new IrcAccount(ROMEO, "irc.test", "romeo2", null, null, null, null, List.of()), back);
        assertEquals(Optional.of(""), store.rawSaslColumn(ROMEO, "irc.test"));
        assertEquals(1, db.jdbc().queryOne("SELECT COUNT(*) FROM irc_accounts", r -> r.getInt(1)).orElseThrow());
    }

    @Test
    void eachUserAndNetworkHasItsOwnSettings() {
        store.save(new IrcAccount(ROMEO, "irc.test", "romeo", null, null, "a", null, List.of()));
        store.save(new IrcAccount(ROMEO, "libera", "rmo", null, null, "b", null, List.of("#x")));
        store.save(new IrcAccount("juliet@localhost", "irc.test", "juliet", null, null, null, null, List.of()));

        assertEquals("a", store.find(ROMEO, "irc.test").orElseThrow().saslPassword());
        assertEquals("b", store.find(ROMEO, "libera").orElseThrow().saslPassword());
        assertEquals(List.of("#x"), store.find(ROMEO, "libera").orElseThrow().stayChannels());
        assertNull(store.find("juliet@localhost", "irc.test").orElseThrow().saslPassword());
        assertEquals(Optional.empty(), store.find("juliet@localhost", "libera"));
    }

    @Test
    void aSealedPasswordCopiedToAnotherAccountDoesNotOpen() {
        store.save(new IrcAccount(ROMEO, "irc.test", "romeo", null, null, "s3cret", null, List.of()));
        store.save(new IrcAccount("mallory@localhost", "irc.test", "mallory", null, null, null, null, List.of()));

        db.jdbc().update("UPDATE irc_accounts SET sasl_password = (SELECT sasl_password FROM irc_accounts "
                + "WHERE user_jid = ?) WHERE user_jid = ?", ROMEO, "mallory@localhost");

        assertThrows(IllegalArgumentException.class, () -> store.find("mallory@localhost", "irc.test"));
    }
}
