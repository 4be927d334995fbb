package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import im.satellite.core.testkit.host.TestClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;

/**
 * Room archives through a real Prosody with Smack 4.4 clients (its {@code MamManager}): XEP-0359 stanza ids set by
 * the room, XEP-0313 queries with paging and history on entering after a restart, no acknowledged message lost to
 * kill -9 (the group commit), and XEP-0425 moderation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MucArchiveIT extends AbstractMucIT {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MucArchiveIT.class);
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(spec());

    @Override
    HostServer server() {
        return PROSODY.server();
    }

    /**
     * The base config with the occupant message rate limit off: these tests send bursts of hundreds of messages from
     * one occupant, which the default limit (20, then 2 a second) would refuse with policy-violation.
     */
    @Override
    String satelliteYaml() throws java.io.IOException {
        return satelliteYamlWith(", limits: {message-burst: 0}");
    }

    private static String sid(Message m) {
        StanzaIdElement id = StanzaIdElement.getStanzaId(m);
        assertNotNull(id, "the message carries a stanza-id");
        return id.getId();
    }

    /** Every message of the room's archive, through Smack's MamManager, {@code pageSize} at a time. */
    private static List<Message> wholeArchive(MultiUserChat m, int pageSize) throws Exception {
        MamManager mam = MamManager.getInstanceFor(m);
        MamManager.MamQuery q = mam.queryArchive(MamManager.MamQueryArgs.builder().setResultPageSizeTo(pageSize)
                .build());
        List<Message> all = new ArrayList<>(q.getMessages());
        int pages = 1;
        while (!q.isComplete()) {
            all.addAll(q.pageNext(pageSize));
            pages++;
            assertTrue(pages < 1000, "paging ends");
        }
        return all;
    }

    @Test
    void xep0359_theRoomSetsUnforgeableStanzaIds_andAdvertisesItsFeatures() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestNoHistory().build());
        Message forged = g.buildMessage().setBody("trust me").build();
        forged.addExtension(new StanzaIdElement("forged-id", room.toString()));
        g.sendMessage(forged.asBuilder());
        Message got = nextBody(o);
        StanzaIdElement id = StanzaIdElement.getStanzaId(got);
        assertEquals(room.toString(), id.getBy(), "§3.1: by the room");
        assertNotEquals("forged-id", id.getId(), "a stanza-id claiming to be by the room is replaced");
        assertEquals(1, got.getExtensions(StanzaIdElement.ELEMENT, StanzaIdElement.NAMESPACE).size(),
                "only the room's own stanza-id is left");
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(guest).discoverInfo(room);
        for (String f : List.of("urn:xmpp:sid:0", "urn:xmpp:mam:2", "urn:xmpp:mam:2#extended",
                "urn:xmpp:message-moderate:1")) {
            assertTrue(info.containsFeature(f), "the room advertises " + f);
        }
        g.leave();
        o.leave();
    }

    @Test
    void xep0313_pagingAndHistoryOnEnteringSurviveARestart() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        configure(o, Map.of("muc#roomconfig_persistentroom", true));
        Map<String, String> sent = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            o.sendMessage("line " + i);
            Message echo = nextBody(o);
            sent.put(sid(echo), echo.getBody());
        }
        runner.close();
        runner = startSatellite();
        XMPPTCPConnection fresh = TestClients.connect(server(), guestName, TestClients.defaultPassword(guestName));
        try {
            MultiUserChat g = muc(fresh, room);
            List<Message> archived = wholeArchive(g, 10);
            Map<String, String> found = new LinkedHashMap<>();
            for (Message m : archived) {
                found.put(sid(m), m.getBody());
            }
            assertEquals(sent, found, "after a restart the archive has every message, in order, under its stanza id,"
                    + " read in pages of 10 without being in the room");
            g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestMaxStanzasHistory(5).build());
            List<String> ids = new ArrayList<>(sent.keySet());
            for (int i = 20; i < 25; i++) {
                Message h = nextBody(g);
                assertEquals("line " + i, h.getBody(), "§7.2.15: the last 5 messages come from the archive");
                assertEquals(ids.get(i), sid(h), "with their stanza ids");
                assertNotNull(DelayInformation.from(h), "and a delay stamp");
            }
            g.leave();
        } finally {
            fresh.disconnect();
        }
    }

    /**
     * The group commit's promise: a message an occupant has received is in the archive. The child Satellite is
     * killed with SIGKILL while messages are still flowing, as soon as the sender has its 150th echo; after a
     * restart the archive holds every echoed message under the stanza id it was echoed with.
     */
    @Test
    void killMinus9LosesNoAcknowledgedMessage() throws Exception {
        runner.close();
        runner = null;
        Process child = startChild();
        XMPPTCPConnection before = TestClients.connect(server(), ownerName, TestClients.defaultPassword(ownerName));
        EntityBareJid room = newRoom();
        Map<String, String> acknowledged = new LinkedHashMap<>();
        try {
            awaitService(before);
            MultiUserChat o = muc(before, room);
            o.create(nick("Owner")).makeInstant();
            configure(o, Map.of("muc#roomconfig_persistentroom", true));
            java.util.concurrent.CountDownLatch enough = new java.util.concurrent.CountDownLatch(150);
            o.addMessageListener(m -> {
                if (m.getBody() != null && m.getBody().startsWith("k-")) {
                    synchronized (acknowledged) {
                        acknowledged.put(sid(m), m.getBody());
                    }
                    enough.countDown();
                }
            });
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < 2000 && child.isAlive(); i++) {
                        o.sendMessage("k-" + i);
                    }
                } catch (Exception e) {
                    // the child is gone: the server bounces or the test ended
                }
            });
            sender.start();
            assertTrue(enough.await(60, TimeUnit.SECONDS), "150 echoes arrive");
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            sender.join(30_000);
        } finally {
            child.destroyForcibly();
            before.disconnect();
            runner = startSatellite();
        }
        assertFalse(child.isAlive());
        Map<String, String> acked;
        synchronized (acknowledged) {
            acked = new LinkedHashMap<>(acknowledged);
        }
        XMPPTCPConnection after = TestClients.connect(server(), ownerName, TestClients.defaultPassword(ownerName));
        try {
            Map<String, String> archived = new LinkedHashMap<>();
            for (Message m : wholeArchive(muc(after, room), 250)) {
                archived.put(sid(m), m.getBody());
            }
            for (Map.Entry<String, String> e : acked.entrySet()) {
                assertEquals(e.getValue(), archived.get(e.getKey()), "acknowledged message " + e.getValue()
                        + " is archived under the stanza id it was echoed with");
            }
            List<String> bodies = new ArrayList<>(archived.values());
            log.info("kill -9: {} message(s) echoed before the kill, {} archived", acked.size(), bodies.size());
            for (int i = 0; i < bodies.size(); i++) {
                assertEquals("k-" + i, bodies.get(i), "the archive keeps the sending order, without gaps");
            }
            assertTrue(bodies.size() >= acked.size(), "nothing acknowledged is missing (" + acked.size()
                    + " echoed, " + bodies.size() + " archived)");
        } finally {
            after.disconnect();
        }
    }

    @Test
    void xep0425_aModeratorRetractsAMessageAndEveryoneIsTold() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestNoHistory().build());
        g.sendMessage("DM me for free magic potions!");
        String spam = sid(nextBody(o));
        assertEquals(spam, sid(nextBody(g)), "everyone gets the same stanza id");

        ModerateIq byGuest = new ModerateIq(spam, null);
        byGuest.setTo(room);
        XMPPException.XMPPErrorException forbidden = assertThrows(XMPPException.XMPPErrorException.class,
                () -> guest.sendIqRequestAndWaitForResponse(byGuest), "§4.2: only moderators");
        assertEquals(StanzaError.Condition.forbidden, condition(forbidden));
        ModerateIq unknown = new ModerateIq("no-such-id", null);
        unknown.setTo(room);
        assertEquals(StanzaError.Condition.item_not_found, condition(assertThrows(
                XMPPException.XMPPErrorException.class, () -> owner.sendIqRequestAndWaitForResponse(unknown))));

        ModerateIq byOwner = new ModerateIq(spam, "Spam");
        byOwner.setTo(room);
        owner.sendIqRequestAndWaitForResponse(byOwner);
        Message notice = g.nextMessage(NEXT);
        while (notice != null && notice.getExtensionElement("retract", "urn:xmpp:message-retract:1") == null) {
            notice = g.nextMessage(NEXT);
        }
        assertNotNull(notice, "§4.1: the occupants are told");
        assertEquals(room, notice.getFrom().asEntityBareJidIfPossible(), "by the room itself");
        assertTrue(notice.getExtensionElement("retract", "urn:xmpp:message-retract:1").toXML().toString()
                .contains(spam), "about the moderated stanza id");

        List<Message> archived = wholeArchive(o, 50);
        Message tombstone = archived.stream().filter(m -> spam.equals(sid(m))).findFirst().orElseThrow();
        assertNull(tombstone.getBody(), "§5: the archive keeps a tombstone without the body");
        assertNotNull(tombstone.getExtensionElement("retracted", "urn:xmpp:message-retract:1"),
                "with <retracted/>");
        g.leave();
        o.leave();
    }
}
