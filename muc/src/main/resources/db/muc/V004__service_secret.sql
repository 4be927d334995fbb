-- Service-wide values generated once: the secret behind XEP-0421 occupant ids (HMAC-SHA256 of the room and the user's
-- bare JID), so an occupant keeps its id across rejoins and restarts. (V003 is the message archive's.)
CREATE TABLE muc_service (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

