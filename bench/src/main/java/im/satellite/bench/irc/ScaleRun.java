package im.satellite.bench.irc;

import static im.satellite.bench.irc.IrcCommand.HEAP;
import static im.satellite.bench.irc.IrcCommand.IDLE;
import static im.satellite.bench.irc.IrcCommand.JOINS;
import static im.satellite.bench.irc.IrcCommand.JOINS_IRC;
import static im.satellite.bench.irc.IrcCommand.JOIN_TIME;
import static im.satellite.bench.irc.IrcCommand.LIMIT;
import static im.satellite.bench.irc.IrcCommand.LOADED;
import static im.satellite.bench.irc.IrcCommand.OVERFLOWS;
import static im.satellite.bench.irc.IrcCommand.THREADS;
import static im.satellite.bench.irc.Rig.TIMEOUT;

import im.satellite.bench.ResultTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory part of {@code bench irc}: how many users one gateway process holds, with the same joins by plain IRC
 * clients as the limit for the join time.
 */
final class ScaleRun {
    private static final Logger log = LoggerFactory.getLogger(ScaleRun.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);
    /** Connections of plain clients allowed to wait for registration at once (ngircd's backlog is 10). */
    private static final int CONNECTING = 8;
    private final Rig rig;
    private final int scaleUsers;
    private final int scaleJoins;
    private final int scaleChannels;

    ScaleRun(Rig rig, int users, int joins, int channels) {
        this.rig = rig;
        this.scaleUsers = users;
        this.scaleJoins = joins;
        this.scaleChannels = channels;
    }

    /**
     * One memory run: {@code scaleUsers} plain IRC clients join {@code scaleJoins} channels each (the limit for the
     * join time), leave; then a fresh gateway process is measured idle, the same number of XMPP users join as many
     * rooms through it, and it is measured again.
     */
    void run(int run, ResultTable t) throws Exception {
        // The limit: the same joins by plain IRC clients, each sending its JOINs once registered (as the gateway
        // does), with at most CONNECTING connections waiting for registration, so that ngircd's accept queue
        // (a backlog of 10) does not overflow.
        List<IrcClient> clients = new ArrayList<>();
        List<CompletableFuture<List<String>>> joins = new ArrayList<>();
        long overflows = ListenOverflows.now();
        long start = System.nanoTime();
        for (int i = 0; i < scaleUsers + CONNECTING; i++) {
            int ready = i - CONNECTING;
            if (ready >= 0) {
                clients.get(ready).awaitRegistered(JOIN_TIMEOUT);
                joins.addAll(clients.get(ready).join(channelsOf(ready, "#q" + run + "c")));
            }
            if (i < scaleUsers) {
                clients.add(rig.client("q" + run + "n" + i, null));
            }
        }
        long ok = 0;
        for (CompletableFuture<List<String>> f : joins) {
            try {
                f.get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                ok++;
            } catch (Exception e) {
                log.warn("a plain IRC join failed: {}", e.toString());
            }
        }
        t.cell(LIMIT, JOIN_TIME).add((System.nanoTime() - start) / 1e9);
        t.cell(LIMIT, JOINS).add(ok);
        t.cell(LIMIT, OVERFLOWS).add(ListenOverflows.now() - overflows);
        log.info("plain IRC clients: {} of {} joins in {} s", ok, joins.size(), (System.nanoTime() - start) / 1e9);
        for (IrcClient c : clients) {
            rig.release(c);
        }
        // The gateway, fresh.
        Rig.Gateway gateway = rig.startGateway("gateway-scale" + run, null);
        XmppSide xmpp = gateway.xmpp();
        GatewayProcess.Stats idle = gateway.process().stats();
        t.cell(IDLE, HEAP).add(idle.heap() / 1048576.0);
        t.cell(IDLE, THREADS).add(idle.threads());
        String prefix = "s" + run + "n";
        overflows = ListenOverflows.now();
        start = System.nanoTime();
        for (int i = 0; i < scaleUsers; i++) {
            for (String ch : channelsOf(i, "#s" + run + "c")) {
                xmpp.join(prefix + i, ch, prefix + i);
            }
        }
        xmpp.flush();
        long expected = (long) scaleUsers * scaleJoins;
        long shown = xmpp.awaitJoins(expected, JOIN_TIMEOUT);
        t.cell(LOADED, JOIN_TIME).add((System.nanoTime() - start) / 1e9);
        t.cell(LOADED, JOINS).add(shown);
        t.cell(LOADED, OVERFLOWS).add(ListenOverflows.now() - overflows);
        GatewayProcess.Stats loaded = gateway.process().stats();
        t.cell(LOADED, HEAP).add(loaded.heap() / 1048576.0);
        t.cell(LOADED, THREADS).add(loaded.threads());
        // What ngircd says: every gateway user in each of its channels.
        try (IrcClient check = new IrcClient(rig.ircd.port(), "chk" + run, null)) {
            check.awaitRegistered(TIMEOUT);
            long onIrc = 0;
            for (int k = 0; k < scaleChannels; k++) {
                onIrc += check.names("#s" + run + "c" + k, TIMEOUT).stream().filter(n -> n.startsWith(prefix)).count();
            }
            t.cell(LOADED, JOINS_IRC).add(onIrc);
        }
        log.info("gateway: {} of {} joins shown in {} s; heap after GC {} MiB (idle {}), {} threads (idle {})",
                shown, expected, (System.nanoTime() - start) / 1e9, loaded.heap() >> 20, idle.heap() >> 20,
                loaded.threads(), idle.threads());
        rig.stop(gateway);
    }

    /** The {@code scaleJoins} distinct channels of user {@code i}, spread evenly over {@code scaleChannels}. */
    private List<String> channelsOf(int i, String prefix) {
        List<String> l = new ArrayList<>();
        for (int j = 0; j < scaleJoins; j++) {
            l.add(prefix + (i + j * (scaleChannels / scaleJoins)) % scaleChannels);
        }
        return l;
    }
}
