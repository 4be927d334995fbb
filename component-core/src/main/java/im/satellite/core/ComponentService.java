package im.satellite.core;

import im.satellite.core.disco.DiscoInfo;
import im.satellite.core.routing.Routes;
import im.satellite.core.routing.StanzaHandler;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * What a Satellite service implements: its routing surface, what it tells disco#info, and its lifecycle. A service
 * is created by its {@link ServiceFactory} with a {@link ServiceContext}; its handlers run on the lanes of the
 * entities they address (STYLE 7.3), never on the event loop.
 */
public interface ComponentService {

    /** The service's routes; ping, version, time and disco at the service's domain are added unless routed here. */
    Routes routes();

    /** XEP-0030 identity, features and forms of the service's own domain. */
    DiscoInfo discoInfo();

    /** Messages to addresses no route covers; by default answered with {@code service-unavailable}. */
    default StanzaHandler<Message> unroutedMessage() {
        return null;
    }

    /** Presences to addresses no route covers; by default ignored. */
    default StanzaHandler<Presence> unroutedPresence() {
        return null;
    }

    /** The component link came up (again). Runs on the service's host lane. */
    default void online() {
    }

    /** The component link went down; it is being re-established. Runs on the service's host lane. */
    default void offline() {
    }

    /**
     * Satellite is shutting down and the link is still up: say goodbye (e.g. MUC sends unavailable presence with
     * status 332). Runs on the host lane; work queued on other lanes from here still runs before the link closes.
     */
    default void stop() {
    }

    /** After the link closed: release resources and flush storage. */
    default void close() {
    }
}
