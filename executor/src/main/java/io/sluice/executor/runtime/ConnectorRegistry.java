package io.sluice.executor.runtime;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.ConnectorFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The connectors a server knows, by the name the {@code connector} option gives. */
public interface ConnectorRegistry {
    Optional<ConnectorFactory> find(String name);

    /** Every connector, for listings and generated documentation. */
    List<ConnectorFactory> connectors();

    /** The connector named {@code name}, or an {@link ErrorCode#UNDEFINED_OBJECT} error. */
    default ConnectorFactory get(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new SluiceException(
                                        ErrorCode.UNDEFINED_OBJECT,
                                        "unknown connector \"" + name + "\""));
    }

    /** A registry of exactly these connectors. */
    static ConnectorRegistry of(ConnectorFactory... connectors) {
        Map<String, ConnectorFactory> byName = new LinkedHashMap<>();
        for (ConnectorFactory connector : connectors) {
            if (byName.put(connector.name(), connector) != null) {
                throw new IllegalArgumentException("duplicate connector " + connector.name());
            }
        }
        List<ConnectorFactory> all = List.copyOf(byName.values());
        return new ConnectorRegistry() {
            @Override
            public Optional<ConnectorFactory> find(String name) {
                return Optional.ofNullable(byName.get(name));
            }

            @Override
            public List<ConnectorFactory> connectors() {
                return all;
            }
        };
    }
}
