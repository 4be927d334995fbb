-- mod_satellite_multicast: XEP-0033 (Extended Stanza Addressing) fan-out of groupchat messages for Satellite.
--
-- Satellite's MUC sends each groupchat message to every occupant. Over XEP-0114 that is one stanza per occupant,
-- and Prosody parses each of them. With this module loaded on the users' VirtualHost, Satellite (with
-- `multicast: <that host>` in satellite.yml) sends one stanza carrying the recipients as <address type='bcc'/>
-- elements; Prosody parses it once and delivers a copy to each recipient, as its own mod_muc does.
--
--   plugin_paths = { "/path/to/satellite/conf/prosody/modules" }         -- global
--   satellite_multicast_components = { "conference.example.org" }       -- required: who may use it
--   VirtualHost "example.org"
--       modules_enabled = { "satellite_multicast" }
--       -- satellite_multicast_max_addresses = 1000                    -- more is refused (not-acceptable)
--
-- Only groupchat messages from the listed external components are fanned out. A client or an unlisted external
-- component gets `forbidden` (Satellite then sends one stanza per recipient), a listed component's other message
-- types `bad-request`; Prosody's own components (whose mod_muc forwards invitations whole) are ignored. A copy keeps the
-- original 'from' (the component's occupant address), so errors from recipients go back to the component, as they
-- do for stanzas it sends one by one. The <addresses/> element is removed from the copies.

local st = require "util.stanza";
local jid_prep = require "util.jid".prep;

local xmlns_address = "http://jabber.org/protocol/address";
local hosts, full_sessions, bare_sessions = prosody.hosts, prosody.full_sessions, prosody.bare_sessions;
local core_post_stanza = prosody.core_post_stanza;

local allowed = module:get_option_set("satellite_multicast_components", {});
local max_addresses = module:get_option_number("satellite_multicast_max_addresses", 1000);

if allowed:empty() then
	module:log("error", "satellite_multicast_components is not set: no component may multicast");
end

-- An external component's session; internal components (Prosody's own mod_muc...) post with their host object.
local function is_listed_external_component(origin)
	return origin.type == "component" and origin ~= hosts[origin.host] and allowed:contains(origin.host);
end

local function fan_out(event)
	local origin, stanza = event.origin, event.stanza;
	local addresses = stanza:get_child("addresses", xmlns_address);
	if not addresses then return; end -- not a multicast stanza
	if stanza.attr.type == "error" then return; end -- never answer or fan out an error

	if not is_listed_external_component(origin) then
		if origin.type == "c2s" or origin.type == "component" and origin ~= hosts[origin.host] then
			-- A client, or an external component missing from satellite_multicast_components: told, so that
			-- Satellite logs it and goes back to one stanza per recipient instead of losing every message.
			origin.send(st.error_reply(stanza, "auth", "forbidden", "Only trusted components may send multicast stanzas"));
			if origin.type == "component" then
				module:log("warn", "Refused a multicast stanza from %s: add it to satellite_multicast_components", origin.host);
			end
			return true;
		end
		module:log("warn", "Ignoring a multicast stanza from %s (not a listed external component)", stanza.attr.from);
		return true;
	end
	if stanza.attr.type ~= "groupchat" then
		origin.send(st.error_reply(stanza, "modify", "bad-request", "Only groupchat messages are multicast here"));
		return true;
	end

	local targets, seen = {}, {};
	for address in addresses:childtags("address", xmlns_address) do
		local a = address.attr;
		if (a.type == "bcc" or a.type == "to" or a.type == "cc") and a.delivered ~= "true" then
			local to = a.jid;
			if not to then
				origin.send(st.error_reply(stanza, "modify", "bad-request", "Only addresses with a 'jid' are delivered"));
				return true;
			end
			if not (full_sessions[to] or bare_sessions[to]) then
				to = jid_prep(to);
				if not to then
					origin.send(st.error_reply(stanza, "modify", "jid-malformed", "Invalid address: " .. tostring(a.jid)));
					return true;
				end
			end
			if not seen[to] then
				if #targets == max_addresses then
					origin.send(st.error_reply(stanza, "modify", "not-acceptable",
						"Too many addresses (at most " .. max_addresses .. ")"));
					return true;
				end
				seen[to] = true;
				targets[#targets + 1] = to;
			end
		end
	end

	-- Every address is delivered here and none is shown to the recipients, so the element goes.
	stanza:maptags(function (tag)
		if tag.name == "addresses" and tag.attr.xmlns == xmlns_address then return nil; end
		return tag;
	end);
	-- As mod_muc does for an occupant's sessions: one stanza, only 'to' changes between copies.
	for i = 1, #targets do
		stanza.attr.to = targets[i];
		core_post_stanza(origin, stanza);
	end
	return true;
end

-- XEP-0033 §2: the host's disco#info lists the feature; Satellite asks before it multicasts, so a Prosody without
-- this module (or with an older copy) gets one stanza per recipient instead of losing messages.
module:add_feature(xmlns_address);
module:hook("message/host", fan_out, 10);
