package im.satellite.bench.muc;

import im.satellite.bench.ResultTable;
import im.satellite.bench.link.EchoWorkload;
import im.satellite.bench.link.WindowedLoad;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up time and first-join latency with many persistent rooms in the SQLite database. The database is made
 * once: a Satellite child creates and configures one persistent room (so the schema, migrations and option rows
 * are the MUC store's own), then one SQL transaction copies its rows to {@code rooms} rooms {@code r<i>}. Each
 * repetition then starts a child on it (start-up = JVM launch to the component's handshake at the driver, with the
 * CPU time the child used until then, which depends less on a busy machine) and
 * joins one stored room (loaded on that first stanza). Next to it: a child on an empty database (its first join
 * creates a room) and the echo component (its first round trip), the runtime alone.
 */
final class StartupBench {
    static final String ECHO = "echo component (runtime alone)";
    static final String EMPTY = "satellite muc, empty database";
    static final String TARGET = "target (issue 7)";
    static final String STARTUP = "start-up ms";
    static final String CPU = "start-up CPU ms";
    static final String FIRST = "first join ms";
    private static final Logger log = LoggerFactory.getLogger(StartupBench.class);
    private static final String PERSISTENT = "room-defaults: {persistent: true}";

    private StartupBench() {
    }

    static String stored(int rooms) {
        return String.format(Locale.ROOT, "satellite muc, %,d stored rooms", rooms);
    }

    static ResultTable run(Settings s, int rooms) throws Exception {
        ResultTable t = new ResultTable(String.format(Locale.ROOT, "muc: start-up with %,d persistent rooms in SQLite,"
                + " %d runs", rooms, s.repeat()), List.of(STARTUP, CPU, FIRST));
        Path db = s.work().resolve("stored.db");
        LinkedChild maker = s.child("startup-template", "muc", db, PERSISTENT);
        try {
            new MucDriver(maker.link(), s.timeout()).fillRoom("template", 0, 1, Map.of());
        } finally {
            s.release(maker);
        }
        populate(db, rooms);
        for (int run = 1; run <= s.repeat(); run++) {
            LinkedChild echo = s.child("startup-echo-" + run, "echo", null, "");
            try {
                t.cell(ECHO, STARTUP).add(echo.startupMillis());
                t.cell(ECHO, CPU).add(echo.startupCpuMillis());
                t.cell(ECHO, FIRST).add(new WindowedLoad(echo.link(), new EchoWorkload("echo.localhost"),
                        s.timeout()).run(1, 1).latencyMicros(50) / 1000);
            } finally {
                s.release(echo);
            }
            LinkedChild empty = s.child("startup-empty-" + run, "muc", s.work().resolve("empty-" + run + ".db"),
                    PERSISTENT);
            try {
                t.cell(EMPTY, STARTUP).add(empty.startupMillis());
                t.cell(EMPTY, CPU).add(empty.startupCpuMillis());
                t.cell(EMPTY, FIRST).add(firstJoin(new MucDriver(empty.link(), s.timeout()), "new"));
            } finally {
                s.release(empty);
            }
            LinkedChild full = s.child("startup-stored-" + run, "muc", db, PERSISTENT);
            try {
                t.cell(stored(rooms), STARTUP).add(full.startupMillis());
                t.cell(stored(rooms), CPU).add(full.startupCpuMillis());
                t.cell(stored(rooms), FIRST).add(firstJoin(new MucDriver(full.link(), s.timeout()),
                        "r" + (rooms / 2 + run)));
            } finally {
                s.release(full);
            }
            t.cell(TARGET, STARTUP).add(5000);
            log.info("start-up with {} rooms: {} ms", rooms, Math.round(t.median(stored(rooms), STARTUP)));
        }
        t.ratio(STARTUP, stored(rooms), EMPTY).ratio(STARTUP, stored(rooms), ECHO).ratio(STARTUP, stored(rooms), TARGET)
                .ratio(CPU, stored(rooms), EMPTY).ratio(CPU, stored(rooms), ECHO).ratio(FIRST, stored(rooms), EMPTY);
        return t;
    }

    /** Occupant 0 (the stored rooms' owner) joins {@code room}; the time to its own presence, in ms. */
    private static double firstJoin(MucDriver driver, String room) throws Exception {
        long id = driver.join(room, 0);
        long start = System.nanoTime();
        return (driver.await(id) - start) / 1e6;
    }

    /** Copies the template room's rows to rooms {@code r0} to {@code r<rooms-1>} in one transaction. */
    static void populate(Path db, int rooms) throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            String template;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT jid FROM muc_room WHERE jid LIKE 'template@%'")) {
                if (!rs.next()) {
                    throw new IllegalStateException("the template room was not stored in " + db);
                }
                template = rs.getString(1);
            }
            String numbers = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1) ";
            String jid = "'r' || n.i || '@" + MucDriver.DOMAIN + "'";
            for (String sql : List.of(
                    numbers + "INSERT INTO muc_room (jid, name, listed, updated_at) SELECT " + jid
                            + ", name, listed, updated_at FROM n, muc_room WHERE muc_room.jid = ?",
                    numbers + "INSERT INTO muc_room_option (room, key, value) SELECT " + jid
                            + ", key, value FROM n, muc_room_option WHERE muc_room_option.room = ?",
                    numbers + "INSERT INTO muc_affiliation (room, jid, affiliation, nick) SELECT " + jid
                            + ", jid, affiliation, nick FROM n, muc_affiliation WHERE muc_affiliation.room = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setInt(1, rooms);
                    ps.setString(2, template);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
        log.info("stored {} rooms in {} ms", rooms, Math.round((System.nanoTime() - start) / 1e6));
    }
}
