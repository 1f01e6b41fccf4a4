package io.sluice.planner;

import io.sluice.executor.spi.ConnectorFactory;
import java.util.Optional;

/** Finds connectors by the value of the {@code connector} table option. */
public interface ConnectorRegistry {
    Optional<ConnectorFactory> connector(String name);
}
