package io.sluice.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.storage.duckdb.LakeDirectory;
import io.sluice.storage.duckdb.LakeMaintenance;
import io.sluice.storage.s3.S3Clients;
import io.sluice.storage.s3.S3Settings;
import io.sluice.testing.EmbeddedS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import software.amazon.awssdk.services.s3.S3Client;

/** Lake queries through a real server: tables on S3, the sandbox, compaction under a pipeline. */
class TestLakeQueries {
    private static final int S3_FILES = 5;
    private static final int ROWS_PER_FILE = 1000;

    @TempDir Path dataDir;
    @TempDir Path s3Directory;
    @TempDir Path staging;

    @Test
    void tablesOnS3AreQueriedThroughTheCache() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start(s3Directory);
                TestingSluice sluice = TestingSluice.start(dataDir, "lake-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            s3.createBucket("lake");
            uploadFiles(s3);
            statement.execute(
                    "CREATE TABLE s3_events (id BIGINT, kind TEXT) WITH (connector ="
                            + " 'filesystem', path = 's3://lake/events', type = 'lake',"
                            + " 's3.endpoint' = '"
                            + s3.endpoint()
                            + "', 's3.access_key_id' = '"
                            + s3.accessKey()
                            + "', 's3.secret_access_key' = '"
                            + s3.secretKey()
                            + "', 's3.path_style' = 'true')");

            long rows = (long) S3_FILES * ROWS_PER_FILE;
            for (int round = 0; round < 2; round++) {
                try (ResultSet rs =
                        statement.executeQuery(
                                "SELECT count(*), sum(id), count(*) FILTER (WHERE kind = 'even')"
                                        + " FROM s3_events")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(rows);
                    assertThat(rs.getLong(2)).isEqualTo(rows * (rows - 1) / 2);
                    assertThat(rs.getLong(3)).isEqualTo(rows / 2);
                }
            }
            // Each object was downloaded into the cache once.
            try (Stream<Path> cached = Files.list(dataDir.resolve("lake-cache"))) {
                assertThat(cached.filter(file -> file.toString().endsWith(".parquet")))
                        .hasSize(S3_FILES);
            }

            assertThatThrownBy(
                            () -> statement.executeQuery("SELECT * FROM read_text('/etc/passwd')"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM glob('/etc/*')"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM s3_events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(rows);
            }
        }
    }

    private void uploadFiles(EmbeddedS3 s3) throws SQLException {
        S3Settings settings =
                new S3Settings(
                        Optional.of(s3.endpoint()),
                        s3.region(),
                        Optional.of(s3.accessKey()),
                        Optional.of(s3.secretKey()),
                        true);
        try (S3Client client = S3Clients.create(settings);
                Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (int i = 0; i < S3_FILES; i++) {
                Path file = staging.resolve("part-" + i + ".parquet");
                statement.execute(
                        "COPY (SELECT range::BIGINT AS id, CASE WHEN range % 2 = 0 THEN 'even'"
                                + " ELSE 'odd' END AS kind FROM range("
                                + (long) i * ROWS_PER_FILE
                                + ", "
                                + (long) (i + 1) * ROWS_PER_FILE
                                + ")) TO '"
                                + file
                                + "' (FORMAT parquet)");
                String key = "events/day=" + (i % 2) + "/part-" + i + ".parquet";
                client.putObject(request -> request.bucket("lake").key(key), file);
            }
        }
    }

    @Test
    void compactionUnderARunningPipelineLosesNothing() throws Exception {
        String topic = "compaction-" + UUID.randomUUID();
        Path table = dataDir.resolve("lake-out/compacted");
        try (TestingSluice sluice = TestingSluice.start(dataDir, topic);
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE events (id TEXT, n BIGINT) WITH (connector = 'kafka',"
                            + " bootstrap_servers = '"
                            + sluice.kafkaBootstrapServers()
                            + "', topic = '"
                            + topic
                            + "', format = 'json', type = 'source')");
            statement.execute(
                    "CREATE TABLE compacted WITH (connector = 'filesystem', path = '"
                            + table.toUri()
                            + "', rollover_seconds = '1')");
            statement.execute(
                    "CREATE PIPELINE p AS INSERT INTO compacted SELECT id, n FROM events");

            HttpClient http = HttpClient.newHttpClient();
            AtomicBoolean compacting = new AtomicBoolean(true);
            CompletableFuture<Integer> producer =
                    CompletableFuture.supplyAsync(
                            () -> {
                                int sent = 0;
                                while (compacting.get() || sent < 50) {
                                    post(http, sluice.ingestUri(), sent++);
                                }
                                return sent;
                            });
            LakeMaintenance maintenance = new LakeMaintenance(Duration.ZERO);
            int replaced = 0;
            // Compact a few times while events keep arriving and new files keep appearing.
            for (int round = 0; round < 4; round++) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> LakeDirectory.finishedFiles(table).size() >= 3);
                replaced += maintenance.compact(table, 64L << 20).filesReplaced();
            }
            compacting.set(false);
            int sent = producer.get(60, TimeUnit.SECONDS);
            assertThat(replaced).isGreaterThan(0);

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> distinctIds(statement) == sent);
            maintenance.compact(table, 64L << 20);
            assertThat(distinctIds(statement)).isEqualTo(sent);
        }
    }

    @Test
    void deltaTablesAreReadAtTheirLatestCommittedVersion() throws Exception {
        String topic = "delta-" + UUID.randomUUID();
        Path table = dataDir.resolve("lake-out/delta_events");
        try (TestingSluice sluice = TestingSluice.start(dataDir, topic);
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE events (id TEXT, n BIGINT) WITH (connector = 'kafka',"
                            + " bootstrap_servers = '"
                            + sluice.kafkaBootstrapServers()
                            + "', topic = '"
                            + topic
                            + "', format = 'json', type = 'source')");
            statement.execute(
                    "CREATE TABLE delta_events WITH (connector = 'delta', path = '"
                            + table.toUri()
                            + "', rollover_seconds = '1')");
            statement.execute(
                    "CREATE PIPELINE dp AS INSERT INTO delta_events SELECT id, n FROM events");
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 30; i++) {
                post(http, sluice.ingestUri(), i);
            }
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    count(statement, "SELECT count(DISTINCT id) FROM delta_events")
                                            == 30);

            // A Parquet file in the directory that no commit added is not part of the table.
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                    Statement writer = duckdb.createStatement()) {
                writer.execute(
                        "COPY (SELECT 'stray-' || range AS id, range AS n FROM range(1000)) TO '"
                                + table.resolve("stray.parquet")
                                + "' (FORMAT parquet)");
            }
            assertThat(
                            count(
                                    statement,
                                    "SELECT count(*) FROM delta_events WHERE id LIKE 'stray-%'"))
                    .isZero();
            assertThat(count(statement, "SELECT count(DISTINCT id) FROM delta_events"))
                    .isEqualTo(30);
        }
    }

    @Test
    void deltaTablesOnS3AreReadAtTheirLatestCommittedVersion() throws Exception {
        String topic = "delta-s3-" + UUID.randomUUID();
        try (EmbeddedS3 s3 = EmbeddedS3.start(s3Directory);
                TestingSluice sluice = TestingSluice.start(dataDir, topic);
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            s3.createBucket("lake");
            statement.execute(
                    "CREATE TABLE events (id TEXT, n BIGINT) WITH (connector = 'kafka',"
                            + " bootstrap_servers = '"
                            + sluice.kafkaBootstrapServers()
                            + "', topic = '"
                            + topic
                            + "', format = 'json', type = 'source')");
            statement.execute(
                    "CREATE TABLE delta_s3 WITH (connector = 'delta', path ="
                            + " 's3://lake/delta_events', rollover_seconds = '1',"
                            + " 's3.endpoint' = '"
                            + s3.endpoint()
                            + "', 's3.access_key_id' = '"
                            + s3.accessKey()
                            + "', 's3.secret_access_key' = '"
                            + s3.secretKey()
                            + "', 's3.path_style' = 'true')");
            statement.execute(
                    "CREATE PIPELINE dps AS INSERT INTO delta_s3 SELECT id, n FROM events");
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 30; i++) {
                post(http, sluice.ingestUri(), i);
            }
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(statement, "SELECT count(DISTINCT id) FROM delta_s3") == 30);

            // A Parquet object under the prefix that no commit added is not part of the table.
            Path stray = staging.resolve("stray.parquet");
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                    Statement writer = duckdb.createStatement()) {
                writer.execute(
                        "COPY (SELECT 'stray-' || range AS id, range AS n FROM range(1000)) TO '"
                                + stray
                                + "' (FORMAT parquet)");
            }
            try (S3Client client =
                    S3Clients.create(
                            new S3Settings(
                                    Optional.of(s3.endpoint()),
                                    s3.region(),
                                    Optional.of(s3.accessKey()),
                                    Optional.of(s3.secretKey()),
                                    true))) {
                client.putObject(
                        request -> request.bucket("lake").key("delta_events/stray.parquet"), stray);
            }
            assertThat(count(statement, "SELECT count(*) FROM delta_s3 WHERE id LIKE 'stray-%'"))
                    .isZero();
            assertThat(count(statement, "SELECT count(*) FROM delta_s3")).isEqualTo(30);
            assertThat(
                            s3Directory.resolve(
                                    "lake/delta_events/_delta_log/00000000000000000001.json"))
                    .exists();
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long distinctIds(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT count(DISTINCT id) FROM compacted")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void post(HttpClient http, URI ingest, int n) {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(ingest)
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"id\":\"e-" + n + "\",\"n\":" + n + "}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ingest answered " + response.body());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
