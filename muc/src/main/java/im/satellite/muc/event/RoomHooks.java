package im.satellite.muc.event;

import im.satellite.muc.room.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The priority-ordered hook bus features register on (STYLE 7.4). Built once at start-up, then only read, so it is
 * shared by all rooms and lanes without locking.
 */
public final class RoomHooks {
    private final Chain<Events.PreJoin> preJoin = new Chain<>();
    private final Chain<Events.PreChange> preChange = new Chain<>();
    private final Chain<Events.SessionNew> sessionNew = new Chain<>();
    private final Chain<Events.RoomDiscoInfo> discoInfo = new Chain<>();
    private final Chain<Events.ConfigForm> configForm = new Chain<>();
    private final Map<String, Chain<Events.ConfigField>> configFields = new HashMap<>();
    private final Chain<Events.Groupchat> groupchat = new Chain<>();
    private final Chain<Events.BroadcastMessage> broadcastMessage = new Chain<>();
    private final Chain<Events.PrivateMessage> privateMessage = new Chain<>();
    private final Chain<Events.PreInvite> preInvite = new Chain<>();
    private final Chain<Events.BuildPresence> buildPresence = new Chain<>();
    private final List<Function<Events.DefaultRole, Role>> defaultRole = new ArrayList<>();

    private static <E> Function<E, HookResult> listener(Consumer<E> c) {
        return e -> {
            c.accept(e);
            return HookResult.CONTINUE;
        };
    }

    public void preJoin(int priority, Function<Events.PreJoin, HookResult> h) {
        preJoin.add(priority, h);
    }

    public void preChange(int priority, Function<Events.PreChange, HookResult> h) {
        preChange.add(priority, h);
    }

    public void sessionNew(int priority, Consumer<Events.SessionNew> h) {
        sessionNew.add(priority, listener(h));
    }

    public void discoInfo(Consumer<Events.RoomDiscoInfo> h) {
        discoInfo.add(0, listener(h));
    }

    public void configForm(Consumer<Events.ConfigForm> h) {
        configForm.add(0, listener(h));
    }

    /** A submitted config field; reject to refuse the whole submission with the given error. */
    public void configField(String var, Function<Events.ConfigField, HookResult> h) {
        configFields.computeIfAbsent(var, v -> new Chain<>()).add(0, h);
    }

    public void groupchat(int priority, Function<Events.Groupchat, HookResult> h) {
        groupchat.add(priority, h);
    }

    public void broadcastMessage(Consumer<Events.BroadcastMessage> h) {
        broadcastMessage.add(0, listener(h));
    }

    public void privateMessage(int priority, Function<Events.PrivateMessage, HookResult> h) {
        privateMessage.add(priority, h);
    }

    public void preInvite(int priority, Function<Events.PreInvite, HookResult> h) {
        preInvite.add(priority, h);
    }

    public void buildPresence(Consumer<Events.BuildPresence> h) {
        buildPresence.add(0, listener(h));
    }

    public void fireBuildPresence(Events.BuildPresence e) {
        buildPresence.fire(e);
    }

    /** Answers the default role for an affiliation; the first non-null answer wins. */
    public void defaultRole(Function<Events.DefaultRole, Role> h) {
        defaultRole.add(h);
    }

    public HookResult firePreJoin(Events.PreJoin e) {
        return preJoin.fire(e);
    }

    public HookResult firePreChange(Events.PreChange e) {
        return preChange.fire(e);
    }

    public void fireSessionNew(Events.SessionNew e) {
        sessionNew.fire(e);
    }

    public void fireDiscoInfo(Events.RoomDiscoInfo e) {
        discoInfo.fire(e);
    }

    public void fireConfigForm(Events.ConfigForm e) {
        configForm.fire(e);
    }

    /** Whether some feature handles this field. */
    public boolean handlesField(String var) {
        return configFields.containsKey(var);
    }

    public HookResult fireConfigField(Events.ConfigField e) {
        Chain<Events.ConfigField> c = configFields.get(e.var());
        return c == null ? HookResult.CONTINUE : c.fire(e);
    }

    public HookResult fireGroupchat(Events.Groupchat e) {
        return groupchat.fire(e);
    }

    public void fireBroadcastMessage(Events.BroadcastMessage e) {
        broadcastMessage.fire(e);
    }

    public HookResult firePrivateMessage(Events.PrivateMessage e) {
        return privateMessage.fire(e);
    }

    public HookResult firePreInvite(Events.PreInvite e) {
        return preInvite.fire(e);
    }

    public Role fireDefaultRole(Events.DefaultRole e) {
        for (Function<Events.DefaultRole, Role> f : defaultRole) {
            Role r = f.apply(e);
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
