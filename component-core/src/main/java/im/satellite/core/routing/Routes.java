package im.satellite.core.routing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * A service's whole routing surface in one place (STYLE 7.3). Keys read like Prosody's events:
 * {@code iq-set/bare/{http://jabber.org/protocol/muc#owner}query}, {@code message/full}, {@code presence/bare}; the
 * same strings appear in logs.
 */
public final class Routes {
    private final Map<String, StanzaHandler<IQ>> iqs;
    private final Map<String, StanzaHandler<Message>> messages;
    private final Map<String, StanzaHandler<Presence>> presences;
    /** "addressing {namespace}" pairs that some IQ route handles, to tell feature-not-implemented apart. */
    private final Set<String> iqNamespaces;

    private Routes(Map<String, StanzaHandler<IQ>> iqs, Map<String, StanzaHandler<Message>> messages,
                   Map<String, StanzaHandler<Presence>> presences) {
        this.iqs = Map.copyOf(iqs);
        this.messages = Map.copyOf(messages);
        this.presences = Map.copyOf(presences);
        Set<String> ns = new HashSet<>();
        for (String k : iqs.keySet()) {
            String[] parts = k.split("/", 3);
            if (parts[2].startsWith("{")) {
                ns.add(parts[1] + " " + parts[2].substring(0, parts[2].indexOf('}') + 1));
            }
        }
        this.iqNamespaces = Set.copyOf(ns);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static String iqKey(IQ.Type type, Addressing a, String namespace, String name) {
        return "iq-" + type.name() + "/" + a.key() + "/{" + namespace + "}" + name;
    }

    /** The key of the catch-all route for IQs of {@code type} at {@code a}, tried after the exact routes. */
    public static String iqAnyKey(IQ.Type type, Addressing a) {
        return "iq-" + type.name() + "/" + a.key() + "/*";
    }

    public static String messageKey(Addressing a) {
        return "message/" + a.key();
    }

    public static String presenceKey(Addressing a) {
        return "presence/" + a.key();
    }

    StanzaHandler<IQ> iq(String key) {
        return iqs.get(key);
    }

    StanzaHandler<Message> message(String key) {
        return messages.get(key);
    }

    StanzaHandler<Presence> presence(String key) {
        return presences.get(key);
    }

    /** Whether any IQ route at this addressing handles {@code namespace} (for any type or child name). */
    boolean handlesNamespace(Addressing a, String namespace) {
        return iqNamespaces.contains(a.key() + " {" + namespace + "}");
    }

    /** These routes, with {@code fallback}'s routes added where this table has none for the same key. */
    public Routes withFallback(Routes fallback) {
        Map<String, StanzaHandler<IQ>> i = new HashMap<>(fallback.iqs);
        i.putAll(iqs);
        Map<String, StanzaHandler<Message>> m = new HashMap<>(fallback.messages);
        m.putAll(messages);
        Map<String, StanzaHandler<Presence>> p = new HashMap<>(fallback.presences);
        p.putAll(presences);
        return new Routes(i, m, p);
    }

    /** All route keys, for logs and tests. */
    public Set<String> keys() {
        Set<String> all = new HashSet<>(iqs.keySet());
        all.addAll(messages.keySet());
        all.addAll(presences.keySet());
        return all;
    }

    /** Collects routes; a key registered twice is a programming error. */
    public static final class Builder {
        private final Map<String, StanzaHandler<IQ>> iqs = new LinkedHashMap<>();
        private final Map<String, StanzaHandler<Message>> messages = new LinkedHashMap<>();
        private final Map<String, StanzaHandler<Presence>> presences = new LinkedHashMap<>();

        private Builder() {
        }

        /** An IQ of {@code type} (get or set) whose child is {@code <name xmlns='namespace'/>}. */
        public Builder iq(IQ.Type type, Addressing a, String namespace, String name, StanzaHandler<IQ> h) {
            if (type != IQ.Type.get && type != IQ.Type.set) {
                throw new IllegalArgumentException("routes take get and set; results go to the IqTracker");
            }
            put(iqs, iqKey(type, a, namespace, name), h);
            return this;
        }

        /**
         * Every IQ of {@code type} at this addressing that no exact route takes, whatever its payload (e.g. a MUC
         * forwarding IQs to an occupant, XEP-0045 §17.4).
         */
        public Builder iqAny(IQ.Type type, Addressing a, StanzaHandler<IQ> h) {
            if (type != IQ.Type.get && type != IQ.Type.set) {
                throw new IllegalArgumentException("routes take get and set; results go to the IqTracker");
            }
            put(iqs, iqAnyKey(type, a), h);
            return this;
        }

        /** Every message at this addressing, whatever its type (errors included: handlers may need them). */
        public Builder message(Addressing a, StanzaHandler<Message> h) {
            put(messages, messageKey(a), h);
            return this;
        }

        /** Every presence at this addressing, whatever its type. */
        public Builder presence(Addressing a, StanzaHandler<Presence> h) {
            put(presences, presenceKey(a), h);
            return this;
        }

        public Routes build() {
            return new Routes(iqs, messages, presences);
        }

        private static <H> void put(Map<String, H> map, String key, H h) {
            Objects.requireNonNull(h, "handler");
            if (map.putIfAbsent(key, h) != null) {
                throw new IllegalStateException("route registered twice: " + key);
            }
        }
    }
}
