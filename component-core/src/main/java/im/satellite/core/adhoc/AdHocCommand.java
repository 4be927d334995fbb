package im.satellite.core.adhoc;

import org.xmpp.packet.JID;

/**
 * One XEP-0050 command offered by an entity of type {@code T} (the service itself, a chat room...). Its stages run
 * on the lane of the entity addressed, one at a time per session.
 *
 * @param <T> what the command acts on, handed to it by the caller of {@link AdHocCommands}
 */
public interface AdHocCommand<T> {
    /** The command's node, unique on the entity (XEP-0050 §4.2). */
    String node();

    /** Its human-readable name, shown in the command list. */
    String name();

    /** Whether {@code requester} may see and run this command on {@code target} (§2.2: lists may differ). */
    boolean allowed(T target, JID requester);

    /**
     * Runs one stage: the first ({@link AdHocRequest#stage()} 0) or a later one, with the form the requester
     * submitted, if any. Throw a {@code StanzaException} to refuse (e.g. {@link AdHocRequest#required}'s
     * {@code bad-payload}); the session then stays where it was.
     */
    AdHocStage execute(T target, AdHocRequest request);
}
