package io.sluice.server.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.runtime.CompletedCheckpoint;
import io.sluice.server.catalog.CatalogDatabase;
import io.sluice.server.catalog.CatalogStore;
import io.sluice.server.catalog.CatalogStore.CheckpointInfo;
import io.sluice.testing.TestingPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCheckpointHistory {
    @Test
    void keepsTheLatestCheckpointsAndWhenEachWasCommitted() {
        TestingPostgres postgres = TestingPostgres.shared();
        try (CatalogDatabase database =
                CatalogDatabase.open(
                        postgres.createDatabase("checkpoint_history"),
                        postgres.user(),
                        postgres.password())) {
            CatalogStore catalog = new CatalogStore(database.dataSource());
            catalog.createPipeline(
                    "p1",
                    "INSERT INTO lake SELECT * FROM events",
                    KillablePipeline.plan("p1", "127.0.0.1:9", "t", "filesystem", "/tmp/lake"));
            for (long epoch = 1; epoch <= 5; epoch++) {
                catalog.complete(
                        "p1",
                        new CompletedCheckpoint(
                                epoch, Instant.now(), Map.of("sink/0", new byte[] {1, 2, 3})));
            }
            catalog.committed("p1", 4);

            List<CheckpointInfo> history = catalog.checkpoints("p1");

            assertThat(history).extracting(CheckpointInfo::epoch).containsExactly(5L, 4L, 3L);
            assertThat(history.get(0).committedAt()).isEmpty();
            assertThat(history.get(1).committedAt()).isPresent();
            assertThat(history.get(0).stateBytes()).isPositive();
            assertThat(catalog.latest("p1").orElseThrow().state("sink", 0))
                    .hasValueSatisfying(state -> assertThat(state).containsExactly(1, 2, 3));
        }
    }
}
