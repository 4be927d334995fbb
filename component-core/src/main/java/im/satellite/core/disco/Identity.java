package im.satellite.core.disco;

import java.util.Objects;

/** An XEP-0030 §3.1 identity: category, type and an optional human-readable name. */
public record Identity(String category, String type, String name) {
    public Identity {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
    }
}
