-- Satellite's components, for Prosody (0.11 or later). Paste into prosody.cfg.lua (after your VirtualHost
-- sections) or `Include` this file, then set the same secrets in Satellite's environment:
--   SATELLITE_MUC_SECRET, SATELLITE_PROXY_SECRET, SATELLITE_IRC_SECRET
-- Replace example.org with your domain, and use the same subdomains in conf/satellite.yml.

-- Prosody listens for components here; keep it on loopback when Satellite runs on the same machine.
component_ports = { 5347 }
component_interfaces = { "127.0.0.1" }

Component "conference.example.org"
    component_secret = "change-me: a long random string, the same as SATELLITE_MUC_SECRET"

Component "proxy.example.org"
    component_secret = "change-me: a long random string, the same as SATELLITE_PROXY_SECRET"

Component "irc.example.org"
    component_secret = "change-me: a long random string, the same as SATELLITE_IRC_SECRET"

-- If Prosody's own mod_muc or mod_proxy65 already serve these names, remove them there first:
-- one name, one component.

-- Optional, for busy rooms: let Satellite's MUC send each groupchat message once and Prosody copy it to the
-- occupants (XEP-0033), instead of one stanza per occupant over the component link. Then set
-- `multicast: example.org` under components.muc in satellite.yml (docs/muc.md).
--plugin_paths = { "/path/to/satellite/conf/prosody/modules" }
--VirtualHost "example.org"
--    modules_enabled = { "satellite_multicast" }
