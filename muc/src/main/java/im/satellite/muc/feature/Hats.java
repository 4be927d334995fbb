package im.satellite.muc.feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A room's XEP-0317 hats: the hats defined in the room (URI, title, optional hue) and which users (lower-cased bare
 * JIDs) wear which. Immutable; stored as one room-state value (STYLE 7.4: no schema change), one line per hat
 * ({@code H uri hue title}) and per worn hat ({@code W jid uri}), tab-separated.
 *
 * @param defined the hats, in the order they were created
 * @param worn    bare JID to the URIs of the hats it wears
 */
public record Hats(List<Hat> defined, Map<String, Set<String>> worn) {
    public static final Hats NONE = new Hats(List.of(), Map.of());

    /** One hat (XEP-0317 §3.1): its URI identifies it; the title is for display; the hue (0-360) is optional. */
    public record Hat(String uri, String title, String hue) {
    }

    public Hats {
        defined = List.copyOf(defined);
        Map<String, Set<String>> w = new LinkedHashMap<>();
        worn.forEach((jid, uris) -> {
            if (!uris.isEmpty()) {
                w.put(jid, Set.copyOf(new LinkedHashSet<>(uris)));
            }
        });
        worn = java.util.Collections.unmodifiableMap(w);
    }

    public Optional<Hat> hat(String uri) {
        return defined.stream().filter(h -> h.uri().equals(uri)).findFirst();
    }

    /** The hats a user wears, in the room's order. */
    public List<Hat> of(String bareJid) {
        Set<String> uris = worn.getOrDefault(bareJid, Set.of());
        return defined.stream().filter(h -> uris.contains(h.uri())).toList();
    }

    /** How many hats are worn in all. */
    public int wornCount() {
        return worn.values().stream().mapToInt(Set::size).sum();
    }

    /** With {@code h} created, or updated in place when its URI exists. */
    public Hats define(Hat h) {
        List<Hat> d = new ArrayList<>(defined);
        int i = d.indexOf(hat(h.uri()).orElse(null));
        if (i >= 0) {
            d.set(i, h);
        } else {
            d.add(h);
        }
        return new Hats(d, worn);
    }

    /** Without the hat, taken off everybody who wore it (XEP-0317 §3.3). */
    public Hats destroy(String uri) {
        List<Hat> d = new ArrayList<>(defined);
        d.removeIf(h -> h.uri().equals(uri));
        Map<String, Set<String>> w = new LinkedHashMap<>();
        worn.forEach((jid, uris) -> w.put(jid, without(uris, uri)));
        return new Hats(d, w);
    }

    public Hats assign(String jid, String uri) {
        Map<String, Set<String>> w = new LinkedHashMap<>(worn);
        Set<String> s = new LinkedHashSet<>(w.getOrDefault(jid, Set.of()));
        s.add(uri);
        w.put(jid, s);
        return new Hats(defined, w);
    }

    public Hats unassign(String jid, String uri) {
        Map<String, Set<String>> w = new LinkedHashMap<>(worn);
        w.put(jid, without(w.getOrDefault(jid, Set.of()), uri));
        return new Hats(defined, w);
    }

    private static Set<String> without(Set<String> s, String uri) {
        Set<String> out = new LinkedHashSet<>(s);
        out.remove(uri);
        return out;
    }

    /** The stored form. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Hat h : defined) {
            sb.append("H\t").append(h.uri()).append('\t').append(h.hue() == null ? "" : h.hue()).append('\t')
                    .append(h.title()).append('\n');
        }
        worn.forEach((jid, uris) -> uris.stream().sorted().forEach(u -> sb.append("W\t").append(jid).append('\t')
                .append(u).append('\n')));
        return sb.toString();
    }

    /** Reads the stored form; lines it does not understand are skipped. */
    public static Hats parse(String s) {
        List<Hat> d = new ArrayList<>();
        Map<String, Set<String>> w = new LinkedHashMap<>();
        for (String line : s.split("\n")) {
            String[] f = line.split("\t", 4);
            if (f.length == 4 && f[0].equals("H")) {
                d.add(new Hat(f[1], f[3], f[2].isEmpty() ? null : f[2]));
            } else if (f.length == 3 && f[0].equals("W")) {
                w.computeIfAbsent(f[1], k -> new LinkedHashSet<>()).add(f[2]);
            }
        }
        return new Hats(d, w);
    }
}
