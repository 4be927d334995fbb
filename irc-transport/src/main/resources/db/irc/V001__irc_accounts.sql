-- Per-user, per-network IRC settings (XEP-0050 "Configure" command). Passwords are AES-GCM sealed (SecretBox).
CREATE TABLE irc_accounts (
    user_jid          TEXT NOT NULL,
    network           TEXT NOT NULL,
    nick              TEXT,
    username          TEXT,
    realname          TEXT,
    sasl_password     TEXT,
    nickserv_password TEXT,
    stay_channels     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_jid, network)
);
