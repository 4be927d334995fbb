package im.satellite.muc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.testkit.host.HostServer;
import im.satellite.core.testkit.host.HostServerExtension;
import im.satellite.core.testkit.host.TestClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.UserStatusListener;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.ListSingleFormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Administration through a real Prosody with Smack 4.4 clients: the service admins' XEP-0050 commands run with
 * Smack's {@code AdHocCommandManager} (and refused to others), XEP-0317 hats assigned by ad-hoc commands and seen in
 * presence, and each abuse limit hit by a real client. Satellite runs with a service admin and low limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MucAdminIT extends AbstractMucIT {
    @RegisterExtension
    static final HostServerExtension PROSODY = HostServerExtension.prosody(spec());
    static final int BURST = 12;
    static final int ROOMS = 5;

    private final String adminName = "admin" + System.nanoTime() % 100_000;
    private XMPPTCPConnection admin;

    @Override
    HostServer server() {
        return PROSODY.server();
    }

    /** The base config plus a service admin and limits low enough to reach in a test. */
    @Override
    String satelliteYaml() throws java.io.IOException {
        return satelliteYamlWith((", admins: [%s@%s], limits: {message-burst: %d, message-interval: 30s,"
                + " password-failures: 2, password-window: 15m, rooms-created: %d, rooms-window: 1h}")
                .formatted(adminName, server().domain(), BURST, ROOMS));
    }

    private XMPPTCPConnection admin() throws Exception {
        if (admin == null) {
            admin = TestClients.connectNewUser(server(), adminName);
        }
        return admin;
    }

    @AfterAll
    void disconnectAdmin() {
        if (admin != null) {
            admin.disconnect();
        }
    }

    private static Jid service() throws Exception {
        return JidCreate.domainBareFrom(MUC);
    }

    private static RemoteCommand command(XMPPTCPConnection c, Jid to, String node) {
        return AdHocCommandManager.getAddHocCommandsManager(c).getRemoteCommand(to, node);
    }

    private static FillableForm fill(RemoteCommand cmd, String... answers) {
        FillableForm f = new FillableForm(cmd.getForm());
        for (int i = 0; i + 1 < answers.length; i += 2) {
            f.setAnswer(answers[i], answers[i + 1]);
        }
        return f;
    }

    private static String note(RemoteCommand cmd) {
        return cmd.getNotes().isEmpty() ? null : cmd.getNotes().get(0).getValue();
    }

    @Test
    void xep0050_serviceAdminCommandsRunForAdminsAndAreRefusedToOthers() throws Exception {
        Set<String> nodes = AdHocCommandManager.getAddHocCommandsManager(admin()).discoverCommands(service())
                .getItems().stream().map(DiscoverItems.Item::getNode).collect(Collectors.toSet());
        assertEquals(Set.of("list-rooms", "destroy-room", "set-room-owner", "announce"), nodes,
                "XEP-0050 §2.2: the admin sees the service's commands");
        assertTrue(AdHocCommandManager.getAddHocCommandsManager(guest).discoverCommands(service()).getItems()
                .isEmpty(), "others see none");
        XMPPException.XMPPErrorException refused = assertThrows(XMPPException.XMPPErrorException.class,
                () -> command(guest, service(), "list-rooms").execute(), "a non-admin cannot run them");
        assertEquals(StanzaError.Condition.forbidden, condition(refused));

        EntityBareJid room = newRoom();
        MultiUserChat o = createAsAdmin(room);
        MultiUserChat g = muc(guest, room);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestNoHistory().build());
        awaitOccupants(o, 2);

        RemoteCommand list = command(admin(), service(), "list-rooms");
        list.execute();
        list.next(fill(list, "filter", room.getLocalpart().toString()));
        assertEquals(AdHocCommand.Status.completed, list.getStatus(), "one page: completed at once");
        List<DataForm.Item> items = list.getForm().getItems();
        assertEquals(1, items.size(), "the filter keeps this room only");
        assertEquals(room.toString(), value(items.get(0), "jid"));
        assertEquals("2", value(items.get(0), "occupants"), "with its occupant count");

        RemoteCommand announce = command(admin(), service(), "announce");
        announce.execute();
        announce.complete(fill(announce, "body", "Maintenance at noon."));
        assertTrue(note(announce).startsWith("Sent to "), note(announce));
        Message m = nextBody(g);
        assertEquals("Maintenance at noon.", m.getBody(), "the occupants get the announcement");
        assertEquals(room.toString(), m.getFrom().toString(), "from the room's own JID");

        RemoteCommand owner = command(admin(), service(), "set-room-owner");
        owner.execute();
        owner.complete(fill(owner, "room", room.toString(), "owner", guest.getUser().asBareJid().toString()));
        assertTrue(o.getOwners().stream().anyMatch(a -> a.getJid().equals(guest.getUser().asBareJid())),
                "the guest is now an owner of the room");

        BlockingQueue<String> destroyed = new ArrayBlockingQueue<>(1);
        g.addUserStatusListener(new UserStatusListener() {
            @Override
            public void roomDestroyed(MultiUserChat alternate, String reason) {
                destroyed.add(reason + " -> " + (alternate == null ? null : alternate.getRoom()));
            }
        });
        RemoteCommand destroy = command(admin(), service(), "destroy-room");
        destroy.execute();
        EntityBareJid venue = newRoom();
        destroy.complete(fill(destroy, "room", room.toString(), "reason", "Moved.", "alternate", venue.toString()));
        assertEquals("Moved. -> " + venue, destroyed.poll(NEXT, TimeUnit.MILLISECONDS),
                "§10.9: occupants are told the reason and the alternate venue");
        assertTrue(note(destroy).startsWith("Destroyed "), note(destroy));
    }

    @Test
    void xep0050_cancelEndsASession() throws Exception {
        RemoteCommand destroy = command(admin(), service(), "destroy-room");
        destroy.execute();
        assertEquals(AdHocCommand.Status.executing, destroy.getStatus());
        FillableForm later = fill(destroy, "room", "nothing");
        destroy.cancel();
        assertEquals(AdHocCommand.Status.canceled, destroy.getStatus());
        XMPPException.XMPPErrorException gone = assertThrows(XMPPException.XMPPErrorException.class,
                () -> destroy.complete(later), "a cancelled session is over");
        assertEquals(StanzaError.Condition.not_allowed, condition(gone));
    }

    @Test
    void xep0317_hatsAreAssignedByCommandsAndSeenInPresence() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createInstant(room);
        MultiUserChat g = muc(guest, room);
        g.join(g.getEnterConfigurationBuilder(nick("Guest")).requestNoHistory().build());
        awaitOccupants(o, 2);
        XMPPException.XMPPErrorException notOwner = assertThrows(XMPPException.XMPPErrorException.class,
                () -> command(guest, room, "urn:xmpp:hats:commands:create").execute(), "only owners manage hats");
        assertEquals(StanzaError.Condition.forbidden, condition(notOwner));

        RemoteCommand create = command(owner, room, "urn:xmpp:hats:commands:create");
        create.execute();
        create.complete(fill(create, "hats#title", "Host", "hats#uri", "http://schemas.example.com/hats#host"));
        assertEquals(AdHocCommand.Status.completed, create.getStatus());

        RemoteCommand assign = command(owner, room, "urn:xmpp:hats:commands:assign");
        assign.execute();
        assertEquals(List.of("http://schemas.example.com/hats#host"), ((ListSingleFormField) assign.getForm()
                .getField("hat")).getOptions().stream().map(op -> op.getValueString()).toList(),
                "the form offers the room's hats");
        assign.complete(fill(assign, "hats#jid", guest.getUser().asBareJid().toString(),
                "hat", "http://schemas.example.com/hats#host"));

        Jid guestInRoom = JidCreate.entityFullFrom(room + "/Guest");
        StandardExtensionElement hat = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (hat == null && System.nanoTime() < deadline) {
            Presence p = o.getOccupantPresence(guestInRoom.asEntityFullJidIfPossible());
            ExtensionElement hats = p == null ? null : p.getExtensionElement("hats", "urn:xmpp:hats:0");
            if (hats instanceof StandardExtensionElement s) {
                hat = s.getFirstElement("hat", "urn:xmpp:hats:0");
            }
            if (hat == null) {
                Thread.sleep(20);
            }
        }
        assertNotNull(hat, "XEP-0317 §3.1: the owner sees the guest's presence again, with its hat");
        assertEquals("Host", hat.getAttributeValue("title"));
        assertEquals("http://schemas.example.com/hats#host", hat.getAttributeValue("uri"));
        g.leave();
        o.leave();
    }

    @Test
    void aFloodingOccupantIsRefusedPastItsMessageRate() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createAsAdmin(room);
        XMPPTCPConnection chatty = TestClients.connectNewUser(server(), "chatty" + System.nanoTime() % 100_000);
        try {
            MultiUserChat c = muc(chatty, room);
            c.join(c.getEnterConfigurationBuilder(nick("Chatty")).requestNoHistory().build());
            StanzaCollector errors = chatty.createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
                    MessageTypeFilter.ERROR));
            int sent = BURST + 5;
            for (int i = 0; i < sent; i++) {
                c.sendMessage("line " + i);
            }
            List<StanzaError.Condition> refused = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Message e = errors.nextResult(NEXT);
                assertNotNull(e, "each message past the limit is answered with an error");
                refused.add(e.getError().getCondition());
            }
            errors.cancel();
            assertEquals(List.of(StanzaError.Condition.policy_violation, StanzaError.Condition.policy_violation,
                    StanzaError.Condition.policy_violation, StanzaError.Condition.policy_violation,
                    StanzaError.Condition.policy_violation), refused);
            int received = 0;
            for (Message m = o.nextMessage(2000); m != null; m = o.nextMessage(2000)) {
                if (m.getBody() != null && m.getBody().startsWith("line ")) {
                    received++;
                }
            }
            assertEquals(BURST, received, "the others got only the messages within the limit");
        } finally {
            chatty.disconnect();
        }
        o.leave();
    }

    @Test
    void wrongPasswordsLockAUserOutOfTheRoom() throws Exception {
        EntityBareJid room = newRoom();
        MultiUserChat o = createAsAdmin(room);
        configure(o, Map.of("muc#roomconfig_passwordprotectedroom", true, "muc#roomconfig_roomsecret", "s3same"));
        XMPPTCPConnection guesser = TestClients.connectNewUser(server(), "guesser" + System.nanoTime() % 100_000);
        try {
            MultiUserChat g = muc(guesser, room);
            for (String pw : List.of("one", "two")) {
                XMPPException.XMPPErrorException wrong = assertThrows(XMPPException.XMPPErrorException.class,
                        () -> g.join(nick("Guesser"), pw));
                assertEquals(StanzaError.Condition.not_authorized, condition(wrong));
            }
            XMPPException.XMPPErrorException locked = assertThrows(XMPPException.XMPPErrorException.class,
                    () -> g.join(nick("Guesser"), "s3same"), "after two wrong passwords even the right one waits");
            assertEquals(StanzaError.Condition.policy_violation, condition(locked));
            MultiUserChat other = muc(guest, room);
            other.join(nick("Guest"), "s3same");
            assertTrue(other.isJoined(), "other users are not locked out");
            other.leave();
        } finally {
            guesser.disconnect();
        }
        o.leave();
    }

    @Test
    void aUserCreatesAtMostRoomsCreatedRoomsPerWindow() throws Exception {
        XMPPTCPConnection builder = TestClients.connectNewUser(server(), "builder" + System.nanoTime() % 100_000);
        try {
            for (int i = 0; i < ROOMS; i++) {
                MultiUserChat m = muc(builder, newRoom());
                m.create(nick("Builder")).makeInstant();
                m.leave();
            }
            XMPPException.XMPPErrorException tooMany = assertThrows(XMPPException.XMPPErrorException.class,
                    () -> muc(builder, newRoom()).create(nick("Builder")), "one room too many");
            assertEquals(StanzaError.Condition.policy_violation, condition(tooMany));
            for (int i = 0; i < ROOMS + 1; i++) {
                MultiUserChat m = muc(admin(), newRoom());
                m.create(nick("Admin")).makeInstant();
                m.leave();
            }
        } finally {
            builder.disconnect();
        }
    }

    /** An instant room created by the service admin, who is exempt from the limit on rooms created. */
    private MultiUserChat createAsAdmin(EntityBareJid room) throws Exception {
        MultiUserChat m = muc(admin(), room);
        m.create(nick("Admin")).makeInstant();
        return m;
    }

    private static String value(DataForm.Item item, String var) {
        for (FormField f : item.getFields()) {
            if (f.getFieldName().equals(var)) {
                return f.getFirstValue();
            }
        }
        return null;
    }
}
