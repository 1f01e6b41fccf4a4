package io.sluice.planner.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Named connection settings (brokers, credentials) shared by the tables that name it with {@code
 * connection_profile}. Options are kept as written; they may hold secrets, so callers must not put
 * values into messages.
 */
public record ConnectionProfile(String name, Map<String, String> options) {
    public ConnectionProfile {
        requireNonNull(name, "name is null");
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /**
     * The connector kind the profile is for ({@code type = 'kafka'}), when given. A profile is not
     * tied to a table role, so its {@code type} names a connector.
     */
    public Optional<String> connectorType() {
        return Optional.ofNullable(options.get("type"));
    }
}
