package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import im.satellite.core.testkit.host.TestClients;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jivesoftware.smackx.muc.HostedRoom;
import org.jivesoftware.smackx.muc.InvitationListener;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.jivesoftware.smackx.muc.UserStatusListener;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0045 through a real Prosody (Debian package) on loopback with Smack 4.4 clients: the shared main flows plus
 * nick changes, kick and ban, destroy, discovery, and rooms surviving a Satellite restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProsodyMucIT extends AbstractMucIT {
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(spec());

    @Override
    HostServer server() {
        return PROSODY.server();
    }

    /**
     * Smack 4.4.8's {@code changeNickname} deadlocks against any server that follows §7.6 (its presence listener
     * calls the synchronized {@code userHasLeft()} on the unavailable-303 self-presence while
     * {@code changeNickname} holds the lock), so the guest sends the nick-change presence itself and the test
     * checks what both clients receive.
     */
    @Test
    void xep0045_7_6_nickChangeIsSeenByOthers() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestNoHistory().build());
        EntityFullJid renamed = JidCreate.entityFullFrom(room + "/Renamed");
        StanzaCollector seen = guest.createStanzaCollector(new AndFilter(StanzaTypeFilter.PRESENCE,
                FromMatchesFilter.createBare(room)));
        guest.sendStanza(guest.getStanzaFactory().buildPresenceStanza().to(renamed).build());
        Presence gone = seen.nextResult(NEXT);
        assertNotNull(gone, "the old nick's unavailable presence arrives");
        MUCUser leaving = MUCUser.from(gone);
        assertEquals(Presence.Type.unavailable, gone.getType());
        assertTrue(leaving.getStatus().contains(MUCUser.Status.NEW_NICKNAME_303), "status 303");
        assertTrue(leaving.getStatus().contains(MUCUser.Status.PRESENCE_TO_SELF_110), "status 110");
        assertEquals("Renamed", leaving.getItem().getNick().toString(), "the item names the new nick");
        Presence back = seen.nextResult(NEXT);
        assertEquals(renamed, back.getFrom(), "then presence from the new nick");
        assertTrue(MUCUser.from(back).getStatus().contains(MUCUser.Status.PRESENCE_TO_SELF_110));
        seen.cancel();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (o.getOccupant(renamed) == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNotNull(o.getOccupant(renamed), "the owner's client sees the new nick");
        o.leave();
    }

    @Test
    void xep0045_8_2_and_9_1_kickAndBan() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        BlockingQueue<String> events = new ArrayBlockingQueue<>(4);
        UserStatusListener listener = new UserStatusListener() {
            @Override
            public void kicked(Jid actor, String reason) {
                events.add("kicked:" + reason);
            }

            @Override
            public void banned(Jid actor, String reason) {
                events.add("banned:" + reason);
            }
        };
        g.addUserStatusListener(listener);
        g.join(nick("Guest"));
        o.kickParticipant(nick("Guest"), "out you go");
        assertEquals("kicked:out you go", events.poll(NEXT, TimeUnit.MILLISECONDS), "status 307 reaches Smack");
        g.join(nick("Guest"));
        o.banUser(guest.getUser().asEntityBareJid(), "for good");
        assertEquals("banned:for good", events.poll(NEXT, TimeUnit.MILLISECONDS), "status 301 reaches Smack");
        XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class,
                () -> g.join(nick("Guest")), "an outcast cannot re-enter");
        assertEquals(StanzaError.Condition.forbidden, e.getStanzaError().getCondition());
        g.removeUserStatusListener(listener);
        o.leave();
    }

    @Test
    void xep0045_10_9_destroyTellsOccupantsTheAlternateVenue() throws Exception {
        EntityBareJid room = newRoom();
        EntityBareJid venue = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        BlockingQueue<String> reasons = new ArrayBlockingQueue<>(1);
        g.addUserStatusListener(new UserStatusListener() {
            @Override
            public void roomDestroyed(MultiUserChat alternate, String reason) {
                reasons.add(reason + "|" + (alternate == null ? "" : alternate.getRoom()));
            }
        });
        g.join(nick("Guest"));
        o.destroy("moving", venue);
        assertEquals("moving|" + venue, reasons.poll(NEXT, TimeUnit.MILLISECONDS));
        XMPPException.XMPPErrorException e = assertThrows(XMPPException.XMPPErrorException.class,
                () -> MultiUserChatManager.getInstanceFor(guest).getRoomInfo(room), "the room is gone");
        assertEquals(StanzaError.Condition.item_not_found, e.getStanzaError().getCondition());
    }

    @Test
    void xep0045_6_discoListsPublicRoomsButNeverHiddenOnes() throws Exception {
        EntityBareJid open = newRoom();
        EntityBareJid hidden = newRoom();
        MultiUserChat o = createInstant(open);
        configure(o, Map.of("muc#roomconfig_roomname", "Open Room", "muc#roomconfig_moderatedroom", true));
        MultiUserChat h = createInstant(hidden);
        configure(h, Map.of("muc#roomconfig_publicroom", false));
        MultiUserChatManager gm = MultiUserChatManager.getInstanceFor(guest);
        Map<EntityBareJid, HostedRoom> listed = gm.getRoomsHostedBy(JidCreate.domainBareFrom(MUC));
        assertTrue(listed.containsKey(open), "a public room is listed");
        assertEquals("Open Room", listed.get(open).getName());
        assertFalse(listed.containsKey(hidden), "a hidden room is never listed");
        RoomInfo info = gm.getRoomInfo(open);
        assertEquals("Open Room", info.getName());
        assertTrue(info.isModerated(), "muc_moderated");
        assertFalse(info.isPersistent(), "muc_temporary");
        assertEquals(1, info.getOccupantsCount(), "muc#roominfo_occupants");
        o.leave();
        h.leave();
    }

    @Test
    void restartKeepsPersistentRoomsConfigAffiliationsAndSubject() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        configure(o, Map.of("muc#roomconfig_roomname", "Kept", "muc#roomconfig_persistentroom", true));
        o.changeSubject("survives restarts");
        o.grantMembership(guest.getUser().asEntityBareJid());
        runner.close();
        runner = startSatellite();
        XMPPTCPConnection fresh = TestClients.connect(server(), ownerName, TestClients.defaultPassword(ownerName));
        try {
            RoomInfo info = MultiUserChatManager.getInstanceFor(fresh).getRoomInfo(room);
            assertEquals("Kept", info.getName(), "the name is kept");
            assertTrue(info.isPersistent(), "the room is still persistent");
            assertEquals("survives restarts", info.getSubject(), "the subject is kept");
            MultiUserChat again = muc(fresh, room);
            again.join(nick("Owner"));
            assertEquals(1, again.getMembers().size(), "the member list is kept (the owner may read it again)");
            assertEquals(guest.getUser().asEntityBareJid(), again.getMembers().get(0).getJid().asEntityBareJidIfPossible());
            again.leave();
        } finally {
            fresh.disconnect();
        }
    }

    @Test
    void xep0045_7_5_and_7_2_15_privateMessagesAndHistoryWithDelay() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        for (int i = 0; i < 3; i++) {
            o.sendMessage("before " + i);
        }
        Message reflected = o.nextMessage(NEXT);
        while (reflected != null && !"before 2".equals(reflected.getBody())) {
            // the room reflects the owner's messages; after the last one the history is complete
            reflected = o.nextMessage(NEXT);
        }
        MultiUserChat g = muc(guest, room);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestMaxStanzasHistory(2).build());
        for (int i = 1; i < 3; i++) {
            Message m = nextBody(g);
            assertEquals("before " + i, m.getBody(), "maxstanzas=2 gives the last two messages, oldest first");
            DelayInformation delay = DelayInformation.from(m);
            assertNotNull(delay, "each history message has an XEP-0203 delay");
            assertEquals(room.toString(), delay.getFrom(), "stamped by the room");
        }
        EntityFullJid ownerOccupant = JidCreate.entityFullFrom(room + "/Owner");
        StanzaCollector pms = owner.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                FromMatchesFilter.createFull(JidCreate.entityFullFrom(room + "/Guest"))));
        guest.sendStanza(guest.getStanzaFactory().buildMessageStanza().to(ownerOccupant).ofType(Message.Type.chat)
                .setBody("just between us").build());
        Message pm = pms.nextResult(NEXT);
        pms.cancel();
        assertNotNull(pm, "§7.5: the private message reaches the owner from the guest's occupant JID");
        assertEquals("just between us", pm.getBody());
        assertNotNull(MUCUser.from(pm), "with the muc#user element added");
        g.leave();
        o.leave();
    }

    @Test
    void xep0045_17_4_iqToAnOccupantIsForwardedAndAnsweredWithoutRealJids() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        EntityFullJid ownerOccupant = JidCreate.entityFullFrom(room + "/Owner");
        EntityFullJid guestOccupant = JidCreate.entityFullFrom(room + "/Guest");
        XMPPException.XMPPErrorException notIn = assertThrows(XMPPException.XMPPErrorException.class,
                () -> guest.sendIqRequestAndWaitForResponse(ping(ownerOccupant)));
        assertEquals(StanzaError.Condition.not_acceptable, condition(notIn), "a non-occupant may not query occupants");
        MultiUserChat g = muc(guest, room);
        g.join(nick("Guest"));
        BlockingQueue<Jid> pingedFrom = new ArrayBlockingQueue<>(4);
        // Smack keeps IQ requests from stanza listeners: the owner's client answers pings with this handler.
        IQRequestHandler before = owner.registerIQRequestHandler(new AbstractIqRequestHandler(Ping.ELEMENT,
                Ping.NAMESPACE, IQ.Type.get, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                pingedFrom.offer(request.getFrom());
                return IQ.createResultIQ(request);
            }
        });
        IQ answer;
        try {
            answer = guest.sendIqRequestAndWaitForResponse(ping(ownerOccupant));
        } finally {
            owner.unregisterIQRequestHandler(Ping.ELEMENT, Ping.NAMESPACE, IQ.Type.get);
            if (before != null) {
                owner.registerIQRequestHandler(before);
            }
        }
        assertEquals(IQ.Type.result, answer.getType(), "the owner's client answered the forwarded ping");
        assertEquals(ownerOccupant, answer.getFrom(), "the answer comes from the occupant JID, not the real JID");
        assertEquals(guestOccupant, pingedFrom.poll(NEXT, TimeUnit.MILLISECONDS),
                "the owner's client saw the request from the guest's occupant JID");
        IQ self = guest.sendIqRequestAndWaitForResponse(ping(guestOccupant));
        assertEquals(IQ.Type.result, self.getType(), "XEP-0410 self-ping is answered by the room");
        XMPPException.XMPPErrorException nobody = assertThrows(XMPPException.XMPPErrorException.class,
                () -> guest.sendIqRequestAndWaitForResponse(ping(JidCreate.entityFullFrom(room + "/Nobody"))));
        assertEquals(StanzaError.Condition.item_not_found, condition(nobody));
        g.leave();
        o.leave();
    }

    @Test
    void xep0045_7_8_invitationAndDecline() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        BlockingQueue<String> invited = new ArrayBlockingQueue<>(1);
        InvitationListener listener = (conn, muc, inviter, reason, password, message, invitation) ->
                invited.add(muc.getRoom() + "|" + inviter.asBareJid() + "|" + reason);
        MultiUserChatManager gm = MultiUserChatManager.getInstanceFor(guest);
        gm.addInvitationListener(listener);
        BlockingQueue<String> declined = new ArrayBlockingQueue<>(1);
        o.addInvitationRejectionListener((invitee, reason, message, rejection) ->
                declined.add(invitee + "|" + reason));
        o.invite(guest.getUser().asEntityBareJid(), "come in");
        assertEquals(room + "|" + owner.getUser().asBareJid() + "|come in", invited.poll(NEXT, TimeUnit.MILLISECONDS),
                "the mediated invitation names the room, the inviter and the reason");
        gm.removeInvitationListener(listener);
        gm.decline(room, owner.getUser().asEntityBareJid(), "busy");
        assertEquals(guest.getUser().asEntityBareJid() + "|busy", declined.poll(NEXT, TimeUnit.MILLISECONDS),
                "the decline reaches the inviter");
        o.leave();
    }

    @Test
    void xep0045_8_3_visitorsGetVoiceInModeratedRooms() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        configure(o, Map.of("muc#roomconfig_moderatedroom", true));
        MultiUserChat g = muc(guest, room);
        BlockingQueue<String> voice = new ArrayBlockingQueue<>(1);
        UserStatusListener listener = new UserStatusListener() {
            @Override
            public void voiceGranted() {
                voice.add("granted");
            }
        };
        g.addUserStatusListener(listener);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestNoHistory().build());
        StanzaCollector errors = guest.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                FromMatchesFilter.createBare(room)));
        g.sendMessage("may I speak?");
        Message refused = errors.nextResult(NEXT);
        while (refused != null && refused.getType() != Message.Type.error) {
            refused = errors.nextResult(NEXT);
        }
        errors.cancel();
        assertNotNull(refused, "a visitor's message is refused");
        assertEquals(StanzaError.Condition.forbidden, refused.getError().getCondition());
        o.grantVoice(nick("Guest"));
        assertEquals("granted", voice.poll(NEXT, TimeUnit.MILLISECONDS), "Smack sees the role change to participant");
        g.removeUserStatusListener(listener);
        g.leave();
        o.leave();
    }

    /**
     * XEP-0045 §10.1.3 persistence against a crash: Satellite runs in a child JVM, a persistent room is configured
     * there, the child is killed with SIGKILL (no goodbye, no flush), and a new Satellite finds the room intact.
     */
    @Test
    void killMinus9KeepsPersistentRooms() throws Exception {
        runner.close();
        runner = null;
        Process child = startChild();
        XMPPTCPConnection before = TestClients.connect(server(), ownerName, TestClients.defaultPassword(ownerName));
        EntityBareJid room = newRoom();
        try {
            awaitService(before);
            MultiUserChat o = muc(before, room);
            o.create(nick("Owner")).makeInstant();
            configure(o, Map.of("muc#roomconfig_roomname", "Crash-proof", "muc#roomconfig_persistentroom", true));
            o.changeSubject("after the crash");
            o.grantMembership(guest.getUser().asEntityBareJid());
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            before.disconnect();
            runner = startSatellite();
        }
        assertFalse(child.isAlive());
        XMPPTCPConnection after = TestClients.connect(server(), ownerName, TestClients.defaultPassword(ownerName));
        try {
            RoomInfo info = MultiUserChatManager.getInstanceFor(after).getRoomInfo(room);
            assertEquals("Crash-proof", info.getName(), "the configuration survived kill -9");
            assertTrue(info.isPersistent());
            assertEquals("after the crash", info.getSubject(), "the subject survived kill -9");
            MultiUserChat again = muc(after, room);
            again.join(nick("Owner"));
            assertEquals(guest.getUser().asEntityBareJid(),
                    again.getMembers().get(0).getJid().asEntityBareJidIfPossible(), "the member list survived");
            again.leave();
        } finally {
            after.disconnect();
        }
    }

    @Test
    void xep0045_7_10_registrationReservesTheNick_and_xep0307_uniqueNames() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        Registration get = new Registration();
        get.setTo(room);
        Registration form = guest.createStanzaCollectorAndSend(get).nextResultOrThrow();
        DataForm x = form.getExtension(DataForm.class);
        assertNotNull(x, "the registration form (muc#register)");
        assertNotNull(x.getField("muc#register_roomnick"), "asks for the nick to reserve");
        Registration submit = new Registration();
        submit.setType(org.jivesoftware.smack.packet.IQ.Type.set);
        submit.setTo(room);
        submit.addExtension(DataForm.builder(DataForm.Type.submit).setFormType("http://jabber.org/protocol/muc#register")
                .addField(FormField.builder("muc#register_roomnick").setValue("reserved").build()).build());
        guest.createStanzaCollectorAndSend(submit).nextResultOrThrow();
        DiscoverInfo nickInfo = ServiceDiscoveryManager.getInstanceFor(guest).discoverInfo(room, "x-roomuser-item");
        assertEquals("reserved", nickInfo.getIdentities().get(0).getName(), "§7.12: the reserved nick is discoverable");
        assertEquals(1, o.getMembers().size(), "registering made the guest a member");
        XMPPTCPConnection third = TestClients.connectNewUser(server(), "third" + System.nanoTime() % 100_000);
        try {
            XMPPException.XMPPErrorException taken = assertThrows(XMPPException.XMPPErrorException.class,
                    () -> muc(third, room).join(nick("reserved")), "another user cannot take a reserved nick");
            assertEquals(StanzaError.Condition.conflict, taken.getStanzaError().getCondition());
            UniqueRoomNameIq ask = new UniqueRoomNameIq();
            ask.setTo(JidCreate.domainBareFrom(MUC));
            org.jivesoftware.smack.packet.IQ unique = third.createStanzaCollectorAndSend(ask).nextResultOrThrow();
            assertEquals(org.jivesoftware.smack.packet.IQ.Type.result, unique.getType());
            assertEquals("unique", unique.getChildElementName());
            assertTrue(java.util.regex.Pattern.compile("[0-9a-f]{24}").matcher(unique.toXML()).find(),
                    "XEP-0307: the result carries a unique name: " + unique.toXML());
        } finally {
            third.disconnect();
        }
        o.leave();
    }
}
