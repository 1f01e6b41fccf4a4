package io.sluice.storage.delta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.sluice.executor.spi.Sink;
import io.sluice.storage.TestTables;
import io.sluice.storage.filesystem.CommittedFile;
import io.sluice.storage.filesystem.FilesystemSink;
import io.sluice.storage.s3.S3Clients;
import io.sluice.storage.s3.S3Settings;
import io.sluice.storage.s3.S3TableLocation;
import io.sluice.testing.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The delta sink on S3 (S3Proxy), its log entries and their conditional creation. */
class DeltaS3SinkTest {
    private static final Instant LATER = Instant.now().plus(Duration.ofDays(1));
    private static final String APP_ID = "sluice/p1/sink/0";
    private static final String PREFIX = "lake/events";

    @TempDir Path s3Directory;
    @TempDir Path staging;

    private EmbeddedS3 s3;
    private BufferAllocator allocator;
    private S3Client client;

    @BeforeEach
    void setUp() {
        s3 = EmbeddedS3.start(s3Directory);
        s3.createBucket("warehouse");
        allocator = new RootAllocator();
        client = S3Clients.create(settings());
        System.setProperty(FilesystemSink.STAGING_DIRECTORY_PROPERTY, staging.toString());
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(FilesystemSink.STAGING_DIRECTORY_PROPERTY);
        client.close();
        allocator.close();
        s3.close();
    }

    @Test
    void oneLogEntryPerCheckpointAndARestartCommitsIdempotently() throws Exception {
        byte[] state;
        try (Sink sink = openSink(Map.of("partitioning.fields", "flag"), Optional.empty())) {
            write(sink, 0, 100);
            sink.checkpoint(1, LATER);
            sink.commit(1);
            // a checkpoint that finished no file commits nothing
            sink.checkpoint(2, Instant.now());
            sink.commit(2);
            write(sink, 100, 50);
            state = sink.checkpoint(3, LATER).state();
            sink.commit(3);
        }
        // a crash after the log entry, before the next checkpoint: the restart commits again
        try (Sink sink = openSink(Map.of("partitioning.fields", "flag"), Optional.of(state))) {
            sink.commit(3);
        }

        assertThat(logEntries()).containsExactly(0L, 1L, 2L);
        assertThat(entry(1)).contains("\"txn\":{\"appId\":\"" + APP_ID + "\",\"version\":1");
        assertThat(entry(2)).contains("\"txn\":{\"appId\":\"" + APP_ID + "\",\"version\":3");

        DeltaLogState latest = deltaLog(client).read().orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.transactionVersion(APP_ID)).contains(3L);
        assertThat(latest.partitionColumns()).containsExactly("flag");
        assertThat(latest.activeFiles()).hasSize(6);

        // S3Proxy keeps objects as plain files: the kernel reads the same log as a local table
        Engine engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
        Snapshot snapshot = TableManager.loadSnapshot(tableUri()).build(engine);
        assertThat(snapshot.getVersion()).isEqualTo(2);
        assertThat(snapshot.getLatestTransactionVersion(engine, APP_ID)).contains(3L);
        assertThat(snapshot.getPartitionColumnNames()).containsExactly("flag");

        // DuckDB over the active files
        String files =
                latest.activeFiles().keySet().stream()
                        .map(path -> "'" + tableDirectory().resolve(path) + "'")
                        .collect(Collectors.joining(", "));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT count(*), count(DISTINCT id) FROM read_parquet(["
                                        + files
                                        + "])")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(150);
            assertThat(rs.getLong(2)).isEqualTo(150);
        }
    }

    @Test
    void aCommitWhoseAnswerWasLostIsNotRepeated() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        ExecutionInterceptor loseFirstLogAnswer =
                new ExecutionInterceptor() {
                    @Override
                    public SdkHttpResponse modifyHttpResponse(
                            Context.ModifyHttpResponse context,
                            ExecutionAttributes executionAttributes) {
                        boolean logPut =
                                context.httpRequest().method() == SdkHttpMethod.PUT
                                        && context.httpRequest()
                                                .encodedPath()
                                                .endsWith("00000000000000000001.json");
                        if (logPut
                                && context.httpResponse().isSuccessful()
                                && lost.compareAndSet(0, 1)) {
                            // applied by the store, answered as failed: the SDK retries the PUT
                            return context.httpResponse().toBuilder()
                                    .statusCode(500)
                                    .statusText("Internal Error")
                                    .build();
                        }
                        return context.httpResponse();
                    }
                };
        try (S3Client lossy = client(loseFirstLogAnswer);
                S3DeltaTableCommitter committer = open(lossy, APP_ID)) {
            committer.commit(1, List.of(file("a.parquet")));
            // the sink runs the commit again after a failure it cannot tell from success
            committer.commit(1, List.of(file("a.parquet")));
        }
        assertThat(lost).hasValue(1);
        assertThat(logEntries()).containsExactly(0L, 1L);
        DeltaLogState latest = deltaLog(client).read().orElseThrow();
        assertThat(latest.transactionVersion(APP_ID)).contains(1L);
        assertThat(latest.activeFiles()).containsOnlyKeys("a.parquet");
    }

    @Test
    void aRacingWriterCannotCreateAnExistingVersion() throws Exception {
        try (S3DeltaTableCommitter first = open(client, APP_ID);
                S3DeltaTableCommitter zombie = open(client, APP_ID);
                S3DeltaTableCommitter other = open(client, "sluice/p2/sink/0")) {
            first.commit(1, List.of(file("first.parquet")));
            // every writer opened at version 0: the zombie races for version 1 with the same
            // epoch, finds it taken and its epoch recorded, and writes nothing
            assertThat(deltaLog(client).createEntry(1, "{}\n")).isFalse();
            zombie.commit(1, List.of(file("zombie.parquet")));
            assertThat(logEntries()).containsExactly(0L, 1L);
            // another application loses version 1 and takes the next free one
            other.commit(1, List.of(file("other.parquet")));
            first.commit(2, List.of(file("second.parquet")));
        }
        assertThat(logEntries()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(entry(2)).contains("other.parquet");
        assertThat(entry(3)).contains("second.parquet");
        DeltaLogState latest = deltaLog(client).read().orElseThrow();
        assertThat(latest.activeFiles())
                .containsOnlyKeys("first.parquet", "other.parquet", "second.parquet");
        assertThat(latest.transactionVersion(APP_ID)).contains(2L);
        assertThat(latest.transactionVersion("sluice/p2/sink/0")).contains(1L);
    }

    private S3DeltaTableCommitter open(S3Client client, String appId) {
        return S3DeltaTableCommitter.open(
                deltaLog(client),
                () -> {},
                appId,
                DeltaSchemas.toDelta(TestTables.WIDE),
                List.of());
    }

    private static CommittedFile file(String name) {
        return new CommittedFile(name, Map.of(), 100, 10);
    }

    private Sink openSink(Map<String, String> extra, Optional<byte[]> state) {
        Map<String, String> options = new HashMap<>(extra);
        options.put("path", "s3://warehouse/" + PREFIX);
        options.put("s3.endpoint", s3.endpoint().toString());
        options.put("s3.access_key_id", s3.accessKey());
        options.put("s3.secret_access_key", s3.secretKey());
        options.put("s3.path_style", "true");
        return new DeltaConnectorFactory()
                .createSink(TestTables.sinkContext(TestTables.WIDE, options, allocator, state));
    }

    private void write(Sink sink, long first, int count) {
        try (VectorSchemaRoot batch = TestTables.wideBatch(allocator, first, count, 1)) {
            sink.write(batch);
        }
    }

    private S3Settings settings() {
        return new S3Settings(
                Optional.of(s3.endpoint()),
                s3.region(),
                Optional.of(s3.accessKey()),
                Optional.of(s3.secretKey()),
                true);
    }

    private S3Client client(ExecutionInterceptor interceptor) {
        return S3Client.builder()
                .region(Region.of(s3.region()))
                .endpointOverride(s3.endpoint())
                .credentialsProvider(
                        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                        s3.accessKey(), s3.secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(override -> override.addExecutionInterceptor(interceptor))
                .build();
    }

    private S3DeltaLog deltaLog(S3Client client) {
        return new S3DeltaLog(client, new S3TableLocation("warehouse", PREFIX, settings()));
    }

    private Path tableDirectory() {
        return s3Directory.resolve("warehouse").resolve(PREFIX);
    }

    private String tableUri() {
        return tableDirectory().toUri().toString().replaceAll("/+$", "");
    }

    private List<Long> logEntries() throws Exception {
        try (Stream<Path> files = Files.list(tableDirectory().resolve("_delta_log"))) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("\\d{20}\\.json"))
                    .map(name -> Long.parseLong(name.substring(0, 20)))
                    .sorted()
                    .toList();
        }
    }

    private String entry(long version) throws Exception {
        return Files.readString(
                tableDirectory()
                        .resolve("_delta_log")
                        .resolve(String.format(java.util.Locale.ROOT, "%020d.json", version)),
                UTF_8);
    }
}
