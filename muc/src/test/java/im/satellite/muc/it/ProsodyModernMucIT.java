package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import im.satellite.core.testkit.host.TestClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * MUC for modern clients through a real Prosody with Smack 4.4 clients: XEP-0421 occupant ids, the XEP-0410
 * self-ping optimisation, ghosts removed with status 333 when the server bounces the room's messages, and XEP-0486
 * room avatars. Satellite's component link runs through a {@link LinkProxy} so that a test can cut it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProsodyModernMucIT extends AbstractMucIT {
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(spec());
    private static final String OCCUPANT_ID = "urn:xmpp:occupant-id:0";

    @Override
    HostServer server() {
        return PROSODY.server();
    }

    @Override
    boolean throughLinkProxy() {
        return true;
    }

    private static String occupantId(Stanza s) {
        ExtensionElement e = s.getExtensionElement("occupant-id", OCCUPANT_ID);
        return e instanceof StandardExtensionElement se ? se.getAttributeValue("id") : null;
    }

    private static StanzaFilter presenceFrom(EntityBareJid room, String nick) throws Exception {
        return new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createFull(JidCreate.entityFullFrom(room
                + "/" + nick)));
    }

    /** The next presence of {@code nick} the owner's client receives while {@code action} runs. */
    private Presence ownerSees(EntityBareJid room, String nick, ThrowingRunnable action) throws Exception {
        StanzaCollector c = owner.createStanzaCollector(presenceFrom(room, nick));
        try {
            action.run();
            Presence p = c.nextResult(NEXT);
            assertNotNull(p, "the owner sees " + nick + "'s presence");
            return p;
        } finally {
            c.cancel();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void xep0421_occupantIdIsStableAcrossRejoinAndRestartAndDiffersBetweenUsers() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        configure(o, Map.of("muc#roomconfig_persistentroom", true));
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(guest).discoverInfo(room);
        assertTrue(info.containsFeature(OCCUPANT_ID), "disco#info advertises occupant-id");

        MultiUserChat g = muc(guest, room);
        Presence joined = ownerSees(room, "Guest", () -> g.join(nick("Guest")));
        String id = occupantId(joined);
        assertNotNull(id, "the guest's presence carries an occupant-id");
        StanzaCollector msgs = owner.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                FromMatchesFilter.createFull(JidCreate.entityFullFrom(room + "/Guest"))));
        g.sendMessage("hello");
        Message m = msgs.nextResult(NEXT);
        msgs.cancel();
        assertNotNull(m);
        assertEquals(id, occupantId(m), "the guest's groupchat message carries the same occupant-id");

        Presence self = ownerSees(room, "Owner", () -> o.changeAvailabilityStatus("here", Presence.Mode.available));
        assertNotEquals(id, occupantId(self), "the owner's occupant-id differs from the guest's");

        Presence left = ownerSees(room, "Guest", g::leave);
        assertEquals(id, occupantId(left), "the leaving presence carries it too");
        Presence back = ownerSees(room, "Guest2", () -> muc(guest, room).join(nick("Guest2")));
        assertEquals(id, occupantId(back), "a rejoin under another nick keeps the occupant-id");
        muc(guest, room).leave();
        o.leave();

        runner.close();
        runner = startSatellite();
        awaitRoom(owner, room);
        MultiUserChat o2 = muc(owner, room);
        o2.join(nick("Owner"));
        Presence afterRestart = ownerSees(room, "Guest", () -> muc(guest, room).join(nick("Guest")));
        assertEquals(id, occupantId(afterRestart), "the occupant-id survives a Satellite restart");
        muc(guest, room).leave();
        o2.leave();
    }

    /** Waits until the room answers disco#info through the server (Satellite is back online). */
    private static void awaitRoom(XMPPTCPConnection c, EntityBareJid room) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(room);
                return;
            } catch (XMPPException.XMPPErrorException | SmackException.NoResponseException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void xep0410_selfPingIsAnsweredByTheRoomWithoutReachingTheClient() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        assertTrue(ServiceDiscoveryManager.getInstanceFor(guest).discoverInfo(room)
                        .containsFeature("http://jabber.org/protocol/muc#self-ping-optimization"),
                "disco#info advertises the self-ping optimisation");
        EntityFullJid guestOccupant = JidCreate.entityFullFrom(room + "/Guest");
        XMPPException.XMPPErrorException notJoined = assertThrows(XMPPException.XMPPErrorException.class,
                () -> guest.sendIqRequestAndWaitForResponse(ping(guestOccupant)));
        assertEquals(StanzaError.Condition.not_acceptable, condition(notJoined),
                "a client that is not joined gets not-acceptable");
        MultiUserChat g = muc(guest, room);
        g.join(nick("Guest"));
        AtomicInteger reachedClient = new AtomicInteger();
        IQRequestHandler before = guest.registerIQRequestHandler(new AbstractIqRequestHandler(Ping.ELEMENT,
                Ping.NAMESPACE, IQ.Type.get, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                reachedClient.incrementAndGet();
                return IQ.createResultIQ(request);
            }
        });
        try {
            IQ answer = guest.sendIqRequestAndWaitForResponse(ping(guestOccupant));
            assertEquals(IQ.Type.result, answer.getType(), "the joined client's self-ping succeeds");
            assertEquals(guestOccupant, answer.getFrom());
            assertEquals(0, reachedClient.get(), "the room answered itself: no ping reached the client");
        } finally {
            guest.unregisterIQRequestHandler(Ping.ELEMENT, Ping.NAMESPACE, IQ.Type.get);
            if (before != null) {
                guest.registerIQRequestHandler(before);
            }
        }
        g.leave();
        XMPPException.XMPPErrorException afterLeaving = assertThrows(XMPPException.XMPPErrorException.class,
                () -> guest.sendIqRequestAndWaitForResponse(ping(guestOccupant)));
        assertEquals(StanzaError.Condition.not_acceptable, condition(afterLeaving));
        o.leave();
    }

    /**
     * A ghost: the component link is down while a client leaves, so its unavailable presence never reaches the room.
     * When the room next sends it a groupchat message, Prosody bounces it (service-unavailable: the resource is
     * offline), and the room removes the ghost: the others see it leave with status 333.
     */
    @Test
    void status333_aGhostIsRemovedWhenTheServerBouncesTheRoomsMessage() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        String ghostName = "ghost" + System.nanoTime() % 100_000;
        XMPPTCPConnection ghost = TestClients.connectNewUser(server(), ghostName);
        muc(ghost, room).join(nick("Ghost"));
        awaitOccupants(o, 2);
        linkProxy().cut();
        try {
            ghost.instantShutdown();
            // Prosody drops the ghost's unavailable presence: the component is not connected.
            Thread.sleep(1000);
        } finally {
            linkProxy().restore();
        }
        awaitRoom(owner, room);
        assertEquals(2, roomOccupants(room), "the room still counts the ghost");
        StanzaCollector gone = owner.createStanzaCollector(presenceFrom(room, "Ghost"));
        try {
            o.sendMessage("anyone there?");
            Presence p = gone.nextResult(NEXT);
            assertNotNull(p, "the owner is told the ghost left");
            assertEquals(Presence.Type.unavailable, p.getType());
            MUCUser x = MUCUser.from(p);
            assertTrue(x.getStatus().contains(MUCUser.Status.create(333)), "with status 333: " + x.getStatus());
        } finally {
            gone.cancel();
        }
        assertEquals(1, roomOccupants(room), "the ghost is gone from the room");
        o.leave();
    }

    /**
     * A refused private message is not a ghost: the recipient's client answers a private message with an error
     * (here service-unavailable, one of the conditions that remove a session when they bounce a groupchat message);
     * the sender gets the error from the recipient's occupant JID, and the recipient stays in the room.
     */
    @Test
    void status333_aRefusedPrivateMessageGoesBackToItsSenderAndRemovesNobody() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(nick("Guest"));
        awaitOccupants(o, 2);
        EntityFullJid guestOccupant = JidCreate.entityFullFrom(room + "/Guest");
        EntityFullJid ownerOccupant = JidCreate.entityFullFrom(room + "/Owner");
        StanzaCollector pms = guest.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                FromMatchesFilter.createFull(ownerOccupant)));
        StanzaCollector errors = owner.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                FromMatchesFilter.createFull(guestOccupant)));
        try {
            owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(guestOccupant)
                    .ofType(Message.Type.chat).setBody("a private word").build());
            Message pm = pms.nextResult(NEXT);
            assertNotNull(pm, "the guest's client gets the private message");
            // An error reply, as a client refusing it would send: the same id, back to the sender's occupant JID.
            // (Built fresh: Smack 4.4 cannot re-serialise the unknown extensions of the received message.)
            Message refusal = guest.getStanzaFactory().buildMessageStanza().to(pm.getFrom())
                    .ofType(Message.Type.error).setBody(pm.getBody())
                    .setError(StanzaError.getBuilder(StanzaError.Condition.service_unavailable).build()).build();
            refusal.setStanzaId(pm.getStanzaId());
            guest.sendStanza(refusal);
            Message err = errors.nextResult(NEXT);
            assertNotNull(err, "the owner gets the refusal");
            assertEquals(Message.Type.error, err.getType());
            assertEquals(pm.getStanzaId(), err.getStanzaId(), "for the message it sent");
            assertEquals(StanzaError.Condition.service_unavailable, err.getError().getCondition());
        } finally {
            pms.cancel();
            errors.cancel();
        }
        assertEquals(2, roomOccupants(room), "the guest is still in the room");
        g.leave();
        o.leave();
    }

    /** The number of occupants the room's disco#info reports (muc#roominfo_occupants). */
    private int roomOccupants(EntityBareJid room) throws Exception {
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(owner).discoverInfo(room);
        DataForm form = DataForm.from(info);
        return Integer.parseInt(form.getField("muc#roominfo_occupants").getFirstValue());
    }

    @Test
    void xep0486_anOwnerSetsTheRoomAvatarAndEveryoneSeesItsHash() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(nick("Guest"));
        byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
                + "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        VCard denied = new VCard();
        denied.setAvatar(png, "image/png");
        denied.setType(IQ.Type.set);
        denied.setTo(room);
        XMPPException.XMPPErrorException forbidden = assertThrows(XMPPException.XMPPErrorException.class,
                () -> guest.sendIqRequestAndWaitForResponse(denied));
        assertEquals(StanzaError.Condition.forbidden, condition(forbidden), "a non-owner may not set it");

        VCard vcard = new VCard();
        vcard.setAvatar(png, "image/png");
        vcard.setType(IQ.Type.set);
        vcard.setTo(room);
        StanzaCollector notices = guest.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                FromMatchesFilter.createBare(room)));
        StanzaCollector roomPresence = guest.createStanzaCollector(new AndFilter(StanzaTypeFilter.PRESENCE,
                FromMatchesFilter.createFull(room)));
        String photo;
        try {
            owner.sendIqRequestAndWaitForResponse(vcard);
            Message notice = notices.nextResult(NEXT);
            while (notice != null && (MUCUser.from(notice) == null
                    || !MUCUser.from(notice).getStatus().contains(MUCUser.Status.create(104)))) {
                notice = notices.nextResult(NEXT);
            }
            assertNotNull(notice, "the occupants get a 104 configuration-change notice");
            Presence p = roomPresence.nextResult(NEXT);
            assertNotNull(p, "and the room's presence from its bare JID");
            ExtensionElement x = p.getExtensionElement("x", "vcard-temp:x:update");
            assertTrue(x instanceof StandardExtensionElement, "with the XEP-0153 element: " + p.toXML());
            photo = ((StandardExtensionElement) x).getFirstElement("photo").getText();
        } finally {
            notices.cancel();
            roomPresence.cancel();
        }
        assertEquals(2, g.getOccupantsCount(), "Smack's room state is not disturbed by the room's own presence");
        XMPPTCPConnection stranger = TestClients.connectNewUser(server(), "stranger" + System.nanoTime() % 100_000);
        try {
            VCard got = VCardManager.getInstanceFor(stranger).loadVCard(room);
            assertArrayEquals(png, got.getAvatar(), "anyone (not only occupants) gets the room's vCard");
            assertEquals("image/png", got.getAvatarMimeType());
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(stranger).discoverInfo(room);
            assertTrue(info.containsFeature("vcard-temp"));
            FormField hash = DataForm.from(info).getField("muc#roominfo_avatarhash");
            assertNotNull(hash, "disco#info has muc#roominfo_avatarhash");
            assertEquals(List.of(got.getAvatarHash()), hash.getValuesAsString(),
                    "the SHA-1 of the photo, as XEP-0153 computes it");
            assertEquals(got.getAvatarHash(), photo, "the room's presence carries the same hash");
        } finally {
            stranger.disconnect();
        }
        g.leave();
        o.leave();
    }
}
