package im.satellite.irc.store;

import im.satellite.persistence.Jdbc;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@link IrcAccount}s in the {@code irc_accounts} table; passwords sealed by {@link SecretBox}. */
public final class IrcAccountStore {
    private final Jdbc jdbc;
    private final SecretBox box;

    public IrcAccountStore(Jdbc jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    public Optional<IrcAccount> find(String userJid, String network) {
        String owner = userJid + " " + network;
        return jdbc.queryOne("SELECT nick, username, realname, sasl_password, nickserv_password, stay_channels "
                + "FROM irc_accounts WHERE user_jid = ? AND network = ?", r -> new IrcAccount(userJid, network,
                r.getString(1), r.getString(2), r.getString(3), box.open(r.getString(4), owner),
                box.open(r.getString(5), owner), split(r.getString(6))), userJid, network);
    }

    public void save(IrcAccount a) {
        String owner = a.userJid() + " " + a.network();
        jdbc.update("INSERT INTO irc_accounts (user_jid, network, nick, username, realname, sasl_password, "
                + "nickserv_password, stay_channels) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (user_jid, network) DO UPDATE SET nick = excluded.nick, username = excluded.username, "
                + "realname = excluded.realname, sasl_password = excluded.sasl_password, "
                + "nickserv_password = excluded.nickserv_password, stay_channels = excluded.stay_channels",
                a.userJid(), a.network(), a.nick(), a.username(), a.realname(), box.seal(a.saslPassword(), owner),
                box.seal(a.nickservPassword(), owner), String.join(" ", a.stayChannels()));
    }

    /** The raw stored row's SASL column, for tests that check nothing is stored in clear. */
    public Optional<String> rawSaslColumn(String userJid, String network) {
        return jdbc.queryOne("SELECT COALESCE(sasl_password, '') FROM irc_accounts WHERE user_jid = ? AND network = ?",
                r -> r.getString(1), userJid, network);
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
