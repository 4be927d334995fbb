package im.satellite.muc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.ComponentRunner;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.testkit.host.HostServerExtension;
import im.satellite.core.testkit.host.HostServerSpec;
import im.satellite.core.testkit.host.TestClients;
import im.satellite.muc.MucServiceFactory;
import im.satellite.persistence.Database;
import im.satellite.persistence.DatabaseConfig;
import im.satellite.persistence.testkit.PostgresExtension;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * XEP-0045 §10.1.3 persistent rooms with {@code database.url} pointing at PostgreSQL: Satellite configured from YAML
 * as an admin would, a real Prosody, Smack clients; the room's configuration, subject and member list survive a
 * restart of Satellite, and the rows are in PostgreSQL.
 */
class MucPostgresRestartIT {
    private static final String MUC = "muc.localhost";
    private static final String SECRET = "muc-pg-it-secret-9c2e";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final HostServerExtension PROSODY =
            HostServerExtension.prosody(HostServerSpec.builder().component(MUC, SECRET).build());

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void persistentRoomSurvivesARestartOnPostgres() throws Exception {
        DatabaseConfig database = POSTGRES.createDatabase("muc_restart");
        String yaml = """
                server: {host: 127.0.0.1, port: %d, domain: %s}
                database: {url: "%s", username: %s, password: "%s"}
                link: {reconnect-min: 200ms, reconnect-max: 2s}
                components:
                  muc: {subdomain: %s, secret: %s}
                """.formatted(PROSODY.server().componentPort(MUC), PROSODY.server().domain(), database.url(),
                database.username(), database.password(), MUC, SECRET);
        long n = System.nanoTime() % 100_000;
        EntityBareJid room = JidCreate.entityBareFrom("pg-" + n + "@" + MUC);
        XMPPTCPConnection owner = TestClients.connectNewUser(PROSODY.server(), "pgowner" + n);
        XMPPTCPConnection guest = TestClients.connectNewUser(PROSODY.server(), "pgguest" + n);
        ComponentRunner runner = start(yaml);
        try {
            MultiUserChat created = MultiUserChatManager.getInstanceFor(owner).getMultiUserChat(room);
            created.create(Resourcepart.from("Owner")).makeInstant();
            FillableForm form = created.getConfigurationForm().getFillableForm();
            form.setAnswer("muc#roomconfig_roomname", "Kept in PostgreSQL");
            form.setAnswer("muc#roomconfig_persistentroom", true);
            created.sendConfigurationForm(form);
            created.changeSubject("rows, not files");
            created.grantMembership(guest.getUser().asEntityBareJid());
            owner.disconnect();

            runner.close();
            runner = start(yaml);

            XMPPTCPConnection fresh = TestClients.connect(PROSODY.server(), "pgowner" + n,
                    TestClients.defaultPassword("pgowner" + n));
            try {
                RoomInfo info = MultiUserChatManager.getInstanceFor(fresh).getRoomInfo(room);
                assertEquals("Kept in PostgreSQL", info.getName());
                assertTrue(info.isPersistent());
                assertEquals("rows, not files", info.getSubject());
                MultiUserChat again = MultiUserChatManager.getInstanceFor(fresh).getMultiUserChat(room);
                again.join(Resourcepart.from("Owner"));
                assertEquals(List.of(guest.getUser().asEntityBareJid()), again.getMembers().stream()
                        .map(m -> m.getJid().asEntityBareJidIfPossible()).toList());
                again.leave();
            } finally {
                fresh.disconnect();
            }
        } finally {
            runner.close();
            guest.disconnect();
        }
        try (Database db = Database.open(database)) {
            assertEquals(List.of(room.toString()), db.jdbc().query("SELECT jid FROM muc_room", r -> r.getString(1)));
        }
    }

    private static ComponentRunner start(String yaml) throws Exception {
        ComponentRunner runner = ComponentRunner.start(new ConfigLoader(List.of(new MucServiceFactory()))
                .parse(yaml, "it"));
        runner.awaitOnline(WAIT);
        return runner;
    }
}
