package im.satellite.muc;

import im.satellite.core.ComponentService;
import im.satellite.core.ServiceContext;
import im.satellite.core.disco.DiscoInfo;
import im.satellite.core.disco.Identity;
import im.satellite.core.error.ErrorReplies;
import im.satellite.core.error.StanzaException;
import im.satellite.core.routing.Addressing;
import im.satellite.core.routing.Routes;
import im.satellite.core.routing.StanzaHandler;
import im.satellite.core.xml.Namespaces;
import im.satellite.muc.admin.ServiceCommands;
import im.satellite.muc.element.MucNs;
import im.satellite.muc.element.StatusCode;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.feature.Features;
import im.satellite.muc.feature.RoomFeature;
import im.satellite.muc.handler.AdminQueryHandler;
import im.satellite.muc.handler.GroupchatHandler;
import im.satellite.muc.handler.HatCommands;
import im.satellite.muc.handler.RoomCommandsHandler;
import im.satellite.muc.handler.OccupantIqHandler;
import im.satellite.muc.handler.OwnerQueryHandler;
import im.satellite.muc.handler.PresenceHandler;
import im.satellite.muc.handler.PrivateMessageHandler;
import im.satellite.muc.handler.RegisterHandler;
import im.satellite.muc.handler.RoomDiscoHandler;
import im.satellite.muc.handler.RoomVcardHandler;
import im.satellite.muc.handler.ServiceDiscoHandler;
import im.satellite.muc.limits.AbuseLimits;
import im.satellite.muc.room.Notice;
import im.satellite.muc.room.Occupant;
import im.satellite.muc.room.OccupantIds;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomRegistry;
import im.satellite.muc.room.RoomServices;
import im.satellite.core.routing.StanzaContext;
import im.satellite.muc.handler.MamQueryHandler;
import im.satellite.muc.handler.ModerationHandler;
import im.satellite.muc.store.ArchiveStore;
import im.satellite.muc.store.ArchiveWriter;
import im.satellite.muc.store.RoomStore;
import java.util.Optional;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * The XEP-0045 Multi-User Chat service. The whole routing surface is declared in {@link #routes()}; room stanzas
 * run on the room's lane (the runtime keys lanes by the bare room JID), service-level ones on the host lane.
 */
public final class MucService implements ComponentService {
    private static final Logger log = LoggerFactory.getLogger(MucService.class);

    private final MucConfig config;
    private final ServiceContext ctx;
    private final RoomRegistry registry;
    private final PresenceHandler presence;
    private final GroupchatHandler groupchat;
    private final PrivateMessageHandler pm;
    private final AdminQueryHandler admin;
    private final OwnerQueryHandler owner;
    private final RegisterHandler register;
    private final RoomDiscoHandler roomDisco;
    private final ServiceDiscoHandler serviceDisco;
    private final OccupantIqHandler occupantIq;
    private final RoomVcardHandler vcard;
    private final MamQueryHandler mam;
    private final ModerationHandler moderation;
    private final ArchiveWriter archiveWriter;
    private final ServiceCommands commands;
    private final AbuseLimits limits;
    private final RoomCommandsHandler roomCommands;
    private final java.util.concurrent.ScheduledFuture<?> sweeper;
    private final java.util.concurrent.ScheduledFuture<?> purger;

    public MucService(MucConfig config, ServiceContext ctx, RoomStore store, ArchiveStore archive) {
        this.config = config;
        this.ctx = ctx;
        RoomHooks hooks = new RoomHooks();
        this.limits = new AbuseLimits(config.limits(), ctx.clock(), config.admins());
        limits.register(hooks);
        for (RoomFeature f : Features.all()) {
            if (config.features().contains(f.name())) {
                f.register(hooks);
            }
        }
        this.registry = new RoomRegistry(store, config.roomDefaults());
        // Temporary rooms that a restart or a crash ended left their archives: a new room of the same name must not
        // inherit them (as history on entering or through MAM).
        int orphaned = archive.deleteUnstored(ctx.jid().getDomain());
        if (orphaned > 0) {
            log.info("MUC {}: deleted {} archived message(s) of temporary rooms that are gone", ctx.jid(), orphaned);
        }
        boolean archiving = config.features().contains("archive");
        this.archiveWriter = archiving ? new ArchiveWriter(archive, ctx.clock(), ArchiveWriter.DEFAULT_HIGH_WATER,
                ctx.pressure()) : null;
        registry.services(new RoomServices(hooks, ctx.outbound(), ctx.clock(), store, config.admins(),
                config.historyLength(), registry::remove, new OccupantIds(store.serviceSecret()), archive,
                archiveWriter, ctx.lanes()));
        this.mam = new MamQueryHandler(registry, archive);
        this.moderation = new ModerationHandler(registry);
        this.presence = new PresenceHandler(registry, hooks, r -> config.mayCreate(r, ctx.serverDomain()),
                config.features().contains("lock"), limits);
        this.groupchat = new GroupchatHandler(registry, hooks);
        this.pm = new PrivateMessageHandler(registry, hooks);
        this.admin = new AdminQueryHandler(registry, config.features().contains("get_member_list"));
        this.owner = new OwnerQueryHandler(registry, hooks);
        this.register = new RegisterHandler(registry);
        this.roomCommands = new RoomCommandsHandler(registry,
                config.features().contains("hats") ? HatCommands.all() : List.of(), ctx.clock());
        this.roomDisco = new RoomDiscoHandler(registry, hooks, roomCommands);
        this.serviceDisco = new ServiceDiscoHandler(registry);
        this.occupantIq = new OccupantIqHandler(registry, config.occupantIqTimeout());
        this.vcard = new RoomVcardHandler(registry, config.maxAvatarSize());
        this.commands = new ServiceCommands(ctx.jid(), config.admins(), registry, store, ctx.lanes(), ctx.clock(),
                this::discoInfo);
        long period = Math.max(1, Math.min(60, config.idleUnload().toSeconds()));
        this.sweeper = ctx.timer().scheduleWithFixedDelay(this::sweepIdleRooms, period, period,
                java.util.concurrent.TimeUnit.SECONDS);
        // The retention purge runs on the archive writer's thread (off the event loops and the lanes), hourly.
        this.purger = archiving && !config.archiveRetention().isZero()
                ? ctx.timer().scheduleWithFixedDelay(() -> archiveWriter.purge(config.archiveRetention()), 1, 60,
                        java.util.concurrent.TimeUnit.MINUTES)
                : null;
    }

    @Override
    public Routes routes() {
        // XEP-0045 §17.4: IQs to an occupant JID are forwarded to the occupant, whatever their payload.
        Routes.Builder b = Routes.builder()
                .iqAny(IQ.Type.get, Addressing.FULL, guard(occupantIq::toOccupant))
                .iqAny(IQ.Type.set, Addressing.FULL, guard(occupantIq::toOccupant));
        if (config.features().contains("avatar")) {
            // XEP-0486 room avatars; without the feature, vCard requests get service-unavailable (no route).
            b.iq(IQ.Type.get, Addressing.BARE, MucNs.VCARD, "vCard", guard(vcard::get))
                    .iq(IQ.Type.set, Addressing.BARE, MucNs.VCARD, "vCard", guard(vcard::set));
        }
        if (archiveWriter != null) {
            b.iq(IQ.Type.get, Addressing.BARE, MucNs.MAM, "query", guard(mam::form))
                    .iq(IQ.Type.set, Addressing.BARE, MucNs.MAM, "query", guard(mam::query))
                    .iq(IQ.Type.get, Addressing.BARE, MucNs.MAM, "metadata", guard(mam::metadata));
        }
        if (config.features().contains("moderation")) {
            b.iq(IQ.Type.set, Addressing.BARE, MucNs.MODERATE, "moderate", guard(moderation::set));
        }
        return b
                .presence(Addressing.FULL, guard(presence::toOccupant))
                .presence(Addressing.BARE, guard(presence::toRoom))
                .message(Addressing.BARE, guard(groupchat::toRoom))
                .message(Addressing.FULL, guard(pm::toOccupant))
                .iq(IQ.Type.get, Addressing.BARE, MucNs.ADMIN, "query", guard(admin::get))
                .iq(IQ.Type.set, Addressing.BARE, MucNs.ADMIN, "query", guard(admin::set))
                .iq(IQ.Type.get, Addressing.BARE, MucNs.OWNER, "query", guard(owner::get))
                .iq(IQ.Type.set, Addressing.BARE, MucNs.OWNER, "query", guard(owner::set))
                .iq(IQ.Type.get, Addressing.BARE, MucNs.REGISTER, "query", guard(register::get))
                .iq(IQ.Type.set, Addressing.BARE, MucNs.REGISTER, "query", guard(register::set))
                .iq(IQ.Type.set, Addressing.BARE, Namespaces.COMMANDS, "command", guard(roomCommands::execute))
                .iq(IQ.Type.get, Addressing.BARE, Namespaces.DISCO_INFO, "query", guard(roomDisco::info))
                .iq(IQ.Type.get, Addressing.BARE, Namespaces.DISCO_ITEMS, "query", guard(roomDisco::items))
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.DISCO_ITEMS, "query",
                        commands.discoItems(serviceDisco::items))
                .iq(IQ.Type.get, Addressing.HOST, Namespaces.DISCO_INFO, "query", commands::discoInfo)
                .iq(IQ.Type.set, Addressing.HOST, Namespaces.COMMANDS, "command", commands::execute)
                .iq(IQ.Type.get, Addressing.HOST, MucNs.UNIQUE, "unique", serviceDisco::unique)
                .build();
    }

    @Override
    public DiscoInfo discoInfo() {
        // XEP-0421 §5: every room has occupant ids, so the service says so too.
        return DiscoInfo.of(new Identity("conference", "text", "Chatrooms"), MucNs.MUC, MucNs.UNIQUE, OccupantIds.NS,
                Namespaces.RSM, Namespaces.COMMANDS);
    }

    /**
     * Errors about a room carry {@code by='room@service'} (XEP-0045 examples), not the occupant JID the stanza was
     * addressed to.
     */
    private <P extends Packet> StanzaHandler<P> guard(StanzaHandler<P> h) {
        return (p, sctx) -> {
            Room room = registry.loaded(p.getTo()).orElse(null);
            boolean groupchat = p instanceof org.xmpp.packet.Message m && m.getType() == Message.Type.groupchat;
            if (room != null && room.outbox().mustDefer(groupchat)) {
                // Held archived messages go out first (RoomOutbox): this stanza waits its turn, answered later.
                if (p instanceof IQ iq && (iq.getType() == IQ.Type.get || iq.getType() == IQ.Type.set)) {
                    sctx.defer();
                }
                room.outbox().defer(() -> handle(h, p, sctx, room, true));
                return;
            }
            handle(h, p, sctx, room, false);
        };
    }

    private static <P extends Packet> void handle(StanzaHandler<P> h, P p, StanzaContext sctx, Room room,
                                                  boolean deferred) {
        try {
            h.handle(p, sctx);
        } catch (StanzaException e) {
            Optional<Packet> error = ErrorReplies.reply(p, e, new JID(p.getTo().toBareJID()));
            if (room != null && !(p instanceof IQ)) {
                // Behind whatever the room still holds back, as everything the room sends.
                error.ifPresent(room.outbox()::send);
            } else {
                error.ifPresent(sctx::send);
            }
        } catch (RuntimeException e) {
            if (!deferred) {
                throw e;
            }
            log.warn("{}: handler failed on stanza id={}: {}", sctx.routeKey(), p.getID(), e.toString());
            ErrorReplies.reply(p, PacketError.Condition.internal_server_error, new JID(p.getTo().toBareJID()))
                    .ifPresent(sctx::send);
        }
    }

    /**
     * XEP-0045 §7.2.1 / STYLE 7.3: shutdown tells every occupant the room is going away for now (status 332), on
     * each room's own lane.
     */
    @Override
    public void stop() {
        if (archiveWriter != null) {
            // Messages held for their commit go out before the goodbyes (their reports reach the lanes first).
            archiveWriter.awaitIdle(java.time.Duration.ofSeconds(5));
        }
        List<java.util.concurrent.CompletableFuture<Void>> said = new java.util.ArrayList<>();
        for (Room r : registry.loaded()) {
            java.util.concurrent.CompletableFuture<Void> gone = new java.util.concurrent.CompletableFuture<>();
            said.add(gone);
            ctx.lanes().execute(r.jid().toBareJID(), () -> {
                for (Occupant o : r.occupants()) {
                    r.broadcast(r.presence(o, null, Notice.leaving(StatusCode.SHUTDOWN), true, true),
                            o.sessions());
                }
                // The goodbyes may queue behind messages still held for their commit; they are out when this runs.
                r.outbox().inTurn(() -> gone.complete(null));
            });
        }
        // Wait here, before the runtime stops the lanes: a commit report reaching a stopped lane would be rejected,
        // and the held messages and the goodbyes behind them would never be sent.
        try {
            java.util.concurrent.CompletableFuture.allOf(said.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("MUC {}: some rooms had not sent their goodbyes after 5 s (messages still waiting for the "
                    + "database)", ctx.jid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("MUC {}: shutdown goodbyes failed: {}", ctx.jid(), e.getCause().toString());
        }
        log.info("MUC {}: told the occupants of {} room(s) about the shutdown", ctx.jid(), said.size());
    }

    /**
     * Unloads persistent rooms that have been empty for {@code idle-room-unload}, and the longest-empty ones beyond
     * {@code max-idle-rooms}; each on its own lane, where it is checked again. They come back on the next stanza.
     */
    void sweepIdleRooms() {
        // A scheduled task that throws is never run again: log and carry on at the next period.
        try {
            commands.purge();
            roomCommands.purge();
            limits.purge();
            for (Room r : registry.idle(ctx.clock().instant(), config.idleUnload(), config.maxLoadedRooms())) {
                ctx.lanes().execute(Room.key(r.jid()), () -> registry.unload(r));
            }
        } catch (RuntimeException e) {
            log.error("MUC sweep (idle rooms, ad-hoc sessions, abuse limits) failed; retrying at the next period", e);
        }
    }

    @Override
    public void close() {
        sweeper.cancel(false);
        if (purger != null) {
            purger.cancel(false);
        }
        if (archiveWriter != null) {
            archiveWriter.close();
        }
    }

    /** For tests: the archive writer (null when the archive feature is off). */
    ArchiveWriter archiveWriter() {
        return archiveWriter;
    }

    /** For tests: the registry. */
    RoomRegistry registry() {
        return registry;
    }

}
