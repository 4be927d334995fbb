-- Satellite's components, for Prosody (0.11 or later). Two parts: the global settings go before the first
-- VirtualHost line of prosody.cfg.lua (Prosody takes global options only there), the Component sections after
-- your VirtualHost sections (or `Include` this file there and move the globals). Then set the same secrets in
-- Satellite's environment:
--   SATELLITE_MUC_SECRET, SATELLITE_PROXY_SECRET, SATELLITE_IRC_SECRET
-- Replace example.org with your domain, and use the same subdomains in conf/satellite.yml.

-- Global settings.
-- Prosody listens for components here; keep it on loopback when Satellite runs on the same machine.
component_ports = { 5347 }
component_interfaces = { "127.0.0.1" }
-- Recommended: let Prosody read up to 256 KiB per turn from a connection (its default is 4 KiB). The component
-- link carries every copy of every room message; with 4 KiB reads Prosody flushes each client once per copy.
-- `bench/run muc` measured 1.1-1.6x the deliveries per second through Satellite's MUC with this, 1.8-2.2x with
-- multicast (below; bench/README.md).
network_default_read_size = 262144

-- Component sections.
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
-- `multicast: example.org` under components.muc in satellite.yml (docs/muc.md). plugin_paths and the list of
-- components allowed to multicast are global (see the top); the module goes in your VirtualHost's modules_enabled:
--   plugin_paths = { "/path/to/satellite/conf/prosody/modules" }
--   satellite_multicast_components = { "conference.example.org" }
--   VirtualHost "example.org"
--       modules_enabled = { "satellite_multicast" }
