-- Prosody 0.12 configuration for Satellite's integration tests (STYLE 7.8.5). Not for production.
--
-- im.satellite.core.testkit.host.ProsodyServer renders this file into a fresh temporary
-- directory, replacing each placeholder (a NAME in double braces); it refuses to start if one is left.
-- Everything listens on 127.0.0.1 only, on ports the harness picked; there is no TLS, no s2s
-- and no HTTP, and accounts live in the temporary data directory (so they survive a restart).

-- Prosody refuses to start as root, and prosodyctl switches to the 'prosody' user when run as
-- root, which then cannot write our root-owned data directory. Test machines and CI containers
-- often run as root, so allow it; the option changes nothing for an ordinary user.
run_as_root = true

pidfile = "{{PID_FILE}}"
data_path = "{{DATA_DIR}}"
certificates = "{{CERTS_DIR}}"

interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
component_interfaces = { "127.0.0.1" }
c2s_ports = { {{C2S_PORT}} }
c2s_direct_tls_ports = {}
legacy_ssl_ports = {}
component_ports = { {{COMPONENT_PORT}} }
s2s_ports = {}
{{GLOBAL_OPTIONS}}
-- Plain-text SASL over an unencrypted loopback stream: Smack uses SCRAM-SHA-1 anyway.
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"
storage = "internal"

log = {
  { levels = { min = "{{LOG_LEVEL}}" }, to = "file", filename = "{{LOG_FILE}}" };
}

-- mod_posix (pidfile, signals) and mod_c2s are loaded automatically.
modules_enabled = {
  "roster"; "saslauth"; "disco"; "ping"; "time"; "version";
{{EXTRA_MODULES}}
}
modules_disabled = { "s2s"; "s2s_auth_certs"; "tls"; "http" }

VirtualHost "{{DOMAIN}}"

-- External components (XEP-0114) and built-in services declared by the test's HostServerSpec.
{{COMPONENTS}}
