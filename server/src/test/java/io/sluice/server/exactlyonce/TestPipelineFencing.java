package io.sluice.server.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.runtime.CheckpointFencedException;
import io.sluice.executor.runtime.CompletedCheckpoint;
import io.sluice.server.catalog.CatalogDatabase;
import io.sluice.server.catalog.CatalogStore;
import io.sluice.storage.checkpoint.CheckpointObjectStores;
import io.sluice.storage.checkpoint.CheckpointObjects;
import io.sluice.testing.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one catalog running the same pipeline: the later claim wins, and the earlier
 * server can no longer record a checkpoint, so it can never commit one.
 */
class TestPipelineFencing {
    @TempDir Path checkpoints;

    @Test
    void theServerThatLostThePipelineCannotRecordCheckpoints() throws Exception {
        TestingPostgres postgres = TestingPostgres.shared();
        try (CatalogDatabase database =
                        CatalogDatabase.open(
                                postgres.createDatabase("fencing"),
                                postgres.user(),
                                postgres.password());
                CheckpointObjects objects =
                        CheckpointObjectStores.open(checkpoints.toString(), null)) {
            CatalogStore first = new CatalogStore(database.dataSource(), Optional.of(objects));
            CatalogStore second = new CatalogStore(database.dataSource(), Optional.of(objects));
            first.createPipeline(
                    "p1",
                    "INSERT INTO lake SELECT * FROM events",
                    KillablePipeline.plan("p1", "127.0.0.1:9", "t", "filesystem", "/tmp/lake"));

            first.claim("p1");
            first.complete("p1", checkpoint(1));
            second.claim("p1");
            assertThat(second.latest("p1").orElseThrow().epoch()).isEqualTo(1);
            second.complete("p1", checkpoint(2));

            assertThatThrownBy(() -> first.complete("p1", checkpoint(2)))
                    .isInstanceOf(CheckpointFencedException.class)
                    .hasMessageContaining("pipeline \"p1\" was taken over by")
                    .hasMessageContaining("stops its run");
            assertThat(first.latest("p1").orElseThrow().state("sink", 0))
                    .hasValueSatisfying(state -> assertThat(state).containsExactly(2, 2));
            // the refused checkpoint left no state object behind
            try (Stream<Path> files = Files.list(checkpoints.resolve("p1"))) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .containsExactlyInAnyOrder("1-1.json", "2-2.json");
            }

            // the first server may claim it back (an operator restarting it there)
            first.claim("p1");
            first.complete("p1", checkpoint(3));
            assertThatThrownBy(() -> second.complete("p1", checkpoint(3)))
                    .isInstanceOf(CheckpointFencedException.class);
        }
    }

    private static CompletedCheckpoint checkpoint(long epoch) {
        return new CompletedCheckpoint(
                epoch, Instant.now(), Map.of("sink/0", new byte[] {(byte) epoch, 2}));
    }
}
