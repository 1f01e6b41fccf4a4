package io.sluice.server.pgcatalog;

import static java.util.Objects.requireNonNull;

import io.sluice.planner.catalog.ConnectionProfile;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.server.catalog.CatalogStore;
import io.sluice.server.catalog.StoredPipeline;
import io.sluice.storage.kafka.KafkaPartitionStatus;
import io.sluice.storage.kafka.KafkaSources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the mirrored catalog shows of Sluice's own catalog at one moment: the tables, pipelines,
 * connection profiles and the positions of running Kafka sources. Equal snapshots need no refresh
 * of the mirror.
 */
record CatalogSnapshot(
        List<TableDefinition> tables,
        List<PipelineRow> pipelines,
        List<ProfileRow> profiles,
        List<KafkaPartitionStatus> sources) {
    CatalogSnapshot {
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
        pipelines = List.copyOf(requireNonNull(pipelines, "pipelines is null"));
        profiles = List.copyOf(requireNonNull(profiles, "profiles is null"));
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
    }

    CatalogSnapshot(
            List<TableDefinition> tables, List<PipelineRow> pipelines, List<ProfileRow> profiles) {
        this(tables, pipelines, profiles, List.of());
    }

    static CatalogSnapshot of(CatalogStore catalog) {
        List<TableDefinition> tables = new ArrayList<>(catalog.tables());
        tables.sort(Comparator.comparing(TableDefinition::name));
        List<PipelineRow> pipelines = new ArrayList<>();
        for (StoredPipeline pipeline : catalog.pipelines()) {
            pipelines.add(
                    new PipelineRow(
                            pipeline.name(),
                            pipeline.desired().name().toLowerCase(java.util.Locale.ROOT),
                            pipeline.lastError(),
                            pipeline.createdAt(),
                            pipeline.query()));
        }
        pipelines.sort(Comparator.comparing(PipelineRow::name));
        List<ProfileRow> profiles = new ArrayList<>();
        for (ConnectionProfile profile : catalog.profiles()) {
            // Profile options may hold secrets, so only the connector kind is shown.
            profiles.add(new ProfileRow(profile.name(), profile.connectorType()));
        }
        profiles.sort(Comparator.comparing(ProfileRow::name));
        // Live positions and counts of the running Kafka sources, for sluice.pipeline_sources.
        return new CatalogSnapshot(tables, pipelines, profiles, KafkaSources.partitions());
    }

    /** A pipeline as {@code sluice.pipelines} shows it. */
    record PipelineRow(
            String name,
            String state,
            Optional<String> lastError,
            Instant createdAt,
            String query) {
        PipelineRow {
            requireNonNull(name, "name is null");
            requireNonNull(state, "state is null");
            requireNonNull(lastError, "lastError is null");
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(query, "query is null");
        }
    }

    /** A connection profile as {@code sluice.connection_profiles} shows it. */
    record ProfileRow(String name, Optional<String> connector) {
        ProfileRow {
            requireNonNull(name, "name is null");
            requireNonNull(connector, "connector is null");
        }
    }
}
