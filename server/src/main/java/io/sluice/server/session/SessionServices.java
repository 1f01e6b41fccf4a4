package io.sluice.server.session;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.runtime.ConnectorRegistry;
import io.sluice.planner.DdlAnalyzer;
import io.sluice.planner.PipelinePlanner;
import io.sluice.server.catalog.CatalogStore;
import io.sluice.server.catalog.UserStore;
import io.sluice.server.lake.LakeQueries;
import io.sluice.server.pipeline.PipelineManager;
import io.sluice.server.preview.Previews;
import java.time.Duration;

/**
 * What every session shares: the catalog, the planner, the running pipelines, the lake query engine
 * the users who may connect, and the runner of previews of streams.
 */
public record SessionServices(
        CatalogStore catalog,
        ConnectorRegistry connectors,
        DdlAnalyzer ddl,
        PipelinePlanner planner,
        PipelineManager pipelines,
        LakeQueries lake,
        UserStore users,
        Duration defaultCheckpointInterval,
        Previews previews) {
    public SessionServices {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(connectors, "connectors is null");
        requireNonNull(ddl, "ddl is null");
        requireNonNull(planner, "planner is null");
        requireNonNull(pipelines, "pipelines is null");
        requireNonNull(lake, "lake is null");
        requireNonNull(users, "users is null");
        requireNonNull(defaultCheckpointInterval, "defaultCheckpointInterval is null");
        requireNonNull(previews, "previews is null");
    }
}
