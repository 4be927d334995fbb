-- mod_satellite_multicast: XEP-0033 (Extended Stanza Addressing) fan-out for trusted external components.
--
-- Satellite's MUC sends each groupchat message to every occupant. Over XEP-0114 that is one stanza per occupant,
-- and Prosody parses each of them. With this module loaded on the users' VirtualHost, Satellite (with
-- `multicast: <that host>` in satellite.yml) sends one stanza carrying the recipients as <address type='bcc'/>
-- elements; Prosody parses it once and delivers a copy to each recipient, as its own mod_muc does.
--
--   plugin_paths = { "/path/to/satellite/conf/prosody/modules" }
--   VirtualHost "example.org"
--       modules_enabled = { "satellite_multicast" }
--       -- satellite_multicast_components = { "conference.example.org" }  -- default: any external component
--       -- satellite_multicast_max_addresses = 1000                         -- more is refused (not-acceptable)
--
-- Only external components may use it: a client could otherwise turn one message into thousands. A copy keeps
-- the original 'from' (the component's own address), so errors from recipients go back to the component, as
-- they do for stanzas it sends one by one. The <addresses/> element is removed from the copies (all bcc).

local st = require "util.stanza";
local jid_prep = require "util.jid".prep;

local xmlns_address = "http://jabber.org/protocol/address";
local full_sessions, bare_sessions = prosody.full_sessions, prosody.bare_sessions;
local core_post_stanza = prosody.core_post_stanza;

local allowed = module:get_option_set("satellite_multicast_components", {});
local max_addresses = module:get_option_number("satellite_multicast_max_addresses", 1000);

module:add_feature(xmlns_address);

-- XEP-0128: advertise the limit, as ejabberd's mod_multicast does.
module:add_extension(st.stanza("x", { xmlns = "jabber:x:data", type = "result" })
	:tag("field", { var = "FORM_TYPE", type = "hidden" }):text_tag("value", xmlns_address):up()
	:tag("field", { var = "message" }):text_tag("value", tostring(max_addresses)):up()
	:tag("field", { var = "presence" }):text_tag("value", tostring(max_addresses)):up());

local function may_multicast(origin)
	if origin.type ~= "component" then return false; end
	return allowed:empty() or allowed:contains(origin.host);
end

local function fan_out(event)
	local origin, stanza = event.origin, event.stanza;
	local addresses = stanza:get_child("addresses", xmlns_address);
	if not addresses then return; end -- not a multicast stanza; leave it to the host's other handlers

	if stanza.attr.type == "error" then return true; end -- never answer or fan out an error
	if not may_multicast(origin) then
		origin.send(st.error_reply(stanza, "auth", "forbidden", "Only trusted components may send multicast stanzas"));
		return true;
	end

	local targets = {};
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
			targets[#targets + 1] = to;
		end
	end
	if #targets > max_addresses then
		origin.send(st.error_reply(stanza, "modify", "not-acceptable",
			"Too many addresses (at most " .. max_addresses .. ")"));
		return true;
	end

	-- All addresses are delivered here and none is visible to the recipients, so the element goes.
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

module:hook("message/host", fan_out, 10);
module:hook("presence/host", fan_out, 10);
