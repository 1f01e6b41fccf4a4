package io.sluice.server.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.SluiceException;
import io.sluice.executor.runtime.CompletedCheckpoint;
import io.sluice.server.catalog.CatalogDatabase;
import io.sluice.server.catalog.CatalogStore;
import io.sluice.server.catalog.CatalogStore.CheckpointInfo;
import io.sluice.storage.checkpoint.CheckpointObjectStores;
import io.sluice.storage.checkpoint.CheckpointObjects;
import io.sluice.storage.s3.S3Clients;
import io.sluice.storage.s3.S3Settings;
import io.sluice.testing.EmbeddedS3;
import io.sluice.testing.TestingPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Checkpoint state kept under a checkpoint URL, with the catalog recording where. */
class TestCheckpointObjects {
    @TempDir Path directory;

    @Test
    void stateGoesToTheDirectoryAndOldStateIsDeleted() throws Exception {
        try (CatalogDatabase database = database("checkpoint_objects_local");
                CheckpointObjects objects =
                        CheckpointObjectStores.open(directory.toUri().toString(), null)) {
            CatalogStore catalog = new CatalogStore(database.dataSource(), Optional.of(objects));
            completeFive(catalog);

            assertThat(files(directory.resolve("p1")))
                    .containsExactlyInAnyOrder("3-0.json", "4-0.json", "5-0.json");
            assertHistoryAndLatest(catalog);
            // the catalog alone cannot answer: the state really is in the files
            Files.delete(directory.resolve("p1/5-0.json"));
            assertThatThrownBy(() -> catalog.latest("p1"))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("state of checkpoint 5 of pipeline \"p1\" is missing")
                    .hasMessageContaining(directory.resolve("p1/5-0.json").toUri().toString());
            // a catalog without the URL says where the state is instead of starting empty
            assertThatThrownBy(() -> new CatalogStore(database.dataSource()).latest("p1"))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("checkpoint.url is not set");

            assertThat(catalog.dropPipeline("p1")).isTrue();
            assertThat(files(directory.resolve("p1"))).isEmpty();
        }
    }

    @Test
    void stateGoesToAnS3Prefix(@TempDir Path s3Directory) {
        try (EmbeddedS3 s3 = EmbeddedS3.start(s3Directory);
                CatalogDatabase database = database("checkpoint_objects_s3")) {
            s3.createBucket("checkpoints");
            S3Settings settings =
                    new S3Settings(
                            Optional.of(s3.endpoint()),
                            s3.region(),
                            Optional.of(s3.accessKey()),
                            Optional.of(s3.secretKey()),
                            true);
            try (CheckpointObjects objects =
                            CheckpointObjectStores.open("s3://checkpoints/prod/", settings);
                    S3Client client = S3Clients.create(settings)) {
                CatalogStore catalog =
                        new CatalogStore(database.dataSource(), Optional.of(objects));
                completeFive(catalog);

                assertThat(
                                client.listObjectsV2(
                                                request -> request.bucket("checkpoints").prefix(""))
                                        .contents())
                        .extracting(S3Object::key)
                        .containsExactlyInAnyOrder(
                                "prod/p1/3-0.json", "prod/p1/4-0.json", "prod/p1/5-0.json");
                assertHistoryAndLatest(catalog);
            }
        }
    }

    private static CatalogDatabase database(String name) {
        TestingPostgres postgres = TestingPostgres.shared();
        return CatalogDatabase.open(
                postgres.createDatabase(name), postgres.user(), postgres.password());
    }

    private static void completeFive(CatalogStore catalog) {
        catalog.createPipeline(
                "p1",
                "INSERT INTO lake SELECT * FROM events",
                KillablePipeline.plan("p1", "127.0.0.1:9", "t", "filesystem", "/tmp/lake"));
        for (long epoch = 1; epoch <= 5; epoch++) {
            catalog.complete(
                    "p1",
                    new CompletedCheckpoint(
                            epoch,
                            Instant.now(),
                            Map.of("sink/0", new byte[] {(byte) epoch, 2, 3})));
        }
    }

    private static void assertHistoryAndLatest(CatalogStore catalog) {
        List<CheckpointInfo> history = catalog.checkpoints("p1");
        assertThat(history).extracting(CheckpointInfo::epoch).containsExactly(5L, 4L, 3L);
        assertThat(history.get(0).stateBytes()).isPositive();
        CompletedCheckpoint latest = catalog.latest("p1").orElseThrow();
        assertThat(latest.epoch()).isEqualTo(5);
        assertThat(latest.state("sink", 0))
                .hasValueSatisfying(state -> assertThat(state).containsExactly(5, 2, 3));
    }

    private static List<String> files(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toList());
        }
    }
}
