package io.sluice.planner;

import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.OptionType;
import io.sluice.executor.spi.TableRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small connectors declaring the options the tests use, in the shape of the real ones. */
final class TestConnectors implements ConnectorRegistry {
    static final TestConnectors INSTANCE = new TestConnectors();

    private final Map<String, ConnectorFactory> factories =
            Map.of(
                    "kafka",
                    factory(
                            "kafka",
                            List.of(TableRole.SOURCE, TableRole.SINK),
                            OptionSpec.builder("topic", OptionType.STRING).required().build(),
                            OptionSpec.builder("bootstrap_servers", OptionType.STRING)
                                    .aliases("bootstrap.servers")
                                    .required()
                                    .build(),
                            OptionSpec.builder("format", OptionType.ENUM)
                                    .allowedValues("json")
                                    .defaultValue("json")
                                    .build(),
                            OptionSpec.builder("json.unstructured", OptionType.BOOLEAN)
                                    .defaultValue("false")
                                    .build(),
                            OptionSpec.builder("sasl.mechanism", OptionType.STRING).build(),
                            OptionSpec.builder("sasl.password", OptionType.STRING)
                                    .sensitive()
                                    .build(),
                            OptionSpec.builder("metadata_columns", OptionType.STRING).build()),
                    "delta",
                    factory(
                            "delta",
                            List.of(TableRole.SINK),
                            OptionSpec.builder("path", OptionType.STRING).required().build(),
                            OptionSpec.builder("format", OptionType.ENUM)
                                    .allowedValues("parquet")
                                    .defaultValue("parquet")
                                    .build(),
                            OptionSpec.builder("filename.strategy", OptionType.ENUM)
                                    .allowedValues("uuid", "serial")
                                    .build(),
                            OptionSpec.builder("parquet.compression", OptionType.ENUM)
                                    .aliases("parquet_compression")
                                    .allowedValues("zstd", "snappy", "none")
                                    .build(),
                            OptionSpec.builder("partitioning.time_pattern", OptionType.STRING)
                                    .aliases("time_partition_pattern")
                                    .build(),
                            OptionSpec.builder("rolling_policy.interval", OptionType.DURATION)
                                    .aliases("rollover_seconds")
                                    .build()));

    private TestConnectors() {}

    @Override
    public Optional<ConnectorFactory> connector(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    private static ConnectorFactory factory(
            String name, List<TableRole> roles, OptionSpec... options) {
        return new ConnectorFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<OptionSpec> options() {
                return List.of(options);
            }

            @Override
            public List<TableRole> roles() {
                return roles;
            }
        };
    }
}
