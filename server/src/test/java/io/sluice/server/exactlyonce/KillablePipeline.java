package io.sluice.server.exactlyonce;

import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SinkSpec;
import io.sluice.executor.plan.SourceSpec;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.executor.runtime.PipelineHandle;
import io.sluice.executor.runtime.PipelineRunner;
import io.sluice.executor.runtime.ServiceLoaderConnectorRegistry;
import io.sluice.server.catalog.CatalogDatabase;
import io.sluice.server.catalog.CatalogStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;

/**
 * The process a kill test starts, halts at a failpoint and starts again: one pipeline from a Kafka
 * topic into a lake table, with its checkpoints in a Postgres catalog, configured by system
 * properties. Runs until killed.
 */
public final class KillablePipeline {
    static final String CATALOG_URL = "eo.catalog.url";
    static final String CATALOG_USER = "eo.catalog.user";
    static final String CATALOG_PASSWORD = "eo.catalog.password";
    static final String BOOTSTRAP = "eo.bootstrap";
    static final String TOPIC = "eo.topic";
    static final String LAKE = "eo.lake";
    static final String CONNECTOR = "eo.connector";
    static final String PIPELINE = "eo.pipeline";

    static final RowSchema SCHEMA =
            new RowSchema(
                    List.of(
                            new Column("id", SqlType.of(TypeKind.TEXT)),
                            new Column("kind", SqlType.of(TypeKind.TEXT)),
                            new Column("n", SqlType.of(TypeKind.BIGINT))));

    private KillablePipeline() {}

    /** Kafka topic → lake table partitioned by {@code kind}, two subtasks, 100 ms checkpoints. */
    static PipelinePlan plan(
            String pipeline, String bootstrap, String topic, String connector, String lake) {
        return PipelinePlan.of(
                pipeline,
                2,
                Duration.ofMillis(100),
                List.of(
                        new SourceSpec(
                                "source",
                                "events",
                                "kafka",
                                Map.of(
                                        "connector", "kafka",
                                        "bootstrap_servers", bootstrap,
                                        "topic", topic,
                                        "format", "json",
                                        "source.offset", "earliest"),
                                SCHEMA),
                        new SinkSpec(
                                "sink",
                                List.of("source"),
                                "lake",
                                connector,
                                Map.of(
                                        "connector",
                                        connector,
                                        "path",
                                        lake,
                                        "partitioning.fields",
                                        "kind",
                                        "rolling_policy.interval",
                                        "500ms"),
                                SCHEMA)));
    }

    public static void main(String[] args) throws Exception {
        String pipeline = System.getProperty(PIPELINE);
        PipelinePlan plan =
                plan(
                        pipeline,
                        System.getProperty(BOOTSTRAP),
                        System.getProperty(TOPIC),
                        System.getProperty(CONNECTOR),
                        System.getProperty(LAKE));
        try (CatalogDatabase database =
                        CatalogDatabase.open(
                                System.getProperty(CATALOG_URL),
                                System.getProperty(CATALOG_USER),
                                System.getProperty(CATALOG_PASSWORD));
                RootAllocator allocator = new RootAllocator()) {
            CatalogStore catalog = new CatalogStore(database.dataSource());
            if (catalog.pipeline(pipeline).isEmpty()) {
                catalog.createPipeline(pipeline, "INSERT INTO lake SELECT * FROM events", plan);
            }
            PipelineHandle handle =
                    new PipelineRunner(
                                    new ServiceLoaderConnectorRegistry(),
                                    catalog,
                                    allocator,
                                    Map.of())
                            .start(plan);
            handle.awaitTermination(Duration.ofHours(1));
            if (handle.failure().isPresent()) {
                Runtime.getRuntime().halt(1);
            }
        }
    }
}
