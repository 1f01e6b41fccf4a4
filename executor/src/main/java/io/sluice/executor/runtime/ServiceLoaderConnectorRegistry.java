package io.sluice.executor.runtime;

import io.sluice.executor.spi.ConnectorFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The connectors on the class path, found through {@code
 * META-INF/services/io.sluice.executor.spi.ConnectorFactory}.
 */
public final class ServiceLoaderConnectorRegistry implements ConnectorRegistry {
    private final Map<String, ConnectorFactory> connectors = new LinkedHashMap<>();

    public ServiceLoaderConnectorRegistry() {
        this(Thread.currentThread().getContextClassLoader());
    }

    public ServiceLoaderConnectorRegistry(ClassLoader classLoader) {
        for (ConnectorFactory connector : ServiceLoader.load(ConnectorFactory.class, classLoader)) {
            ConnectorFactory previous = connectors.putIfAbsent(connector.name(), connector);
            if (previous != null) {
                throw new IllegalStateException(
                        "two connectors are named "
                                + connector.name()
                                + ": "
                                + previous.getClass().getName()
                                + " and "
                                + connector.getClass().getName());
            }
        }
    }

    @Override
    public Optional<ConnectorFactory> find(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    @Override
    public List<ConnectorFactory> connectors() {
        return List.copyOf(connectors.values());
    }
}
