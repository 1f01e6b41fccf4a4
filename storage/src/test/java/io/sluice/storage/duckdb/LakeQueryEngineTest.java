package io.sluice.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.TypeKind;
import io.sluice.storage.TestTables;
import io.sluice.storage.parquet.ArrowParquetWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeQueryEngineTest {
    @TempDir Path lake;
    @TempDir Path outside;

    private BufferAllocator allocator;
    private LakeQueryEngine engine;
    private LakeTable wide;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        engine = new LakeQueryEngine(List.of(lake));
        wide = new LakeTable("wide", TestTables.WIDE, lake.resolve("wide"));
    }

    @AfterEach
    void tearDown() {
        engine.close();
        allocator.close();
    }

    private Path wideDirectory() {
        return lake.resolve("wide");
    }

    private void writeWideFile(String name, long first, int count) throws Exception {
        Files.createDirectories(wideDirectory());
        try (VectorSchemaRoot batch = TestTables.wideBatch(allocator, first, count, 1);
                ArrowParquetWriter writer =
                        ArrowParquetWriter.create(
                                wideDirectory().resolve(name),
                                TestTables.WIDE,
                                CompressionCodecName.ZSTD,
                                ArrowParquetWriter.DEFAULT_ROW_GROUP_SIZE)) {
            for (int row = 0; row < count; row++) {
                writer.write(batch, row);
            }
        }
    }

    private List<List<Object>> rows(String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (LakeResult result = engine.query(sql, Map.of("wide", wide))) {
            result.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void emptyTableCountsZero() {
        assertThat(rows("SELECT count(*) FROM wide")).containsExactly(List.of(0L));
        try (LakeResult result = engine.query("SELECT * FROM wide", Map.of("wide", wide))) {
            assertThat(result.columns()).hasSize(TestTables.WIDE.size());
            assertThat(result.columns().get(1).type().kind()).isEqualTo(TypeKind.TIMESTAMP);
            assertThat(result.hasNext()).isFalse();
        }
    }

    @Test
    void readsParquetFilesWithTheirTypes() throws Exception {
        writeWideFile("a.parquet", 0, 100);
        Files.createDirectories(wideDirectory().resolve("2025/01"));
        writeWideFile("2025/01/b.parquet", 100, 50);

        assertThat(rows("SELECT count(*), count(name) FROM wide"))
                .containsExactly(List.of(150L, 135L));
        try (LakeResult result =
                engine.query(
                        "SELECT id, \"timestamp\", \"at\", name, doc, score, flag, \"day\","
                                + " \"count\", amount FROM wide WHERE id = 3",
                        Map.of("wide", wide))) {
            assertThat(result.columns())
                    .extracting(column -> column.type().kind())
                    .containsExactly(
                            TypeKind.BIGINT,
                            TypeKind.TIMESTAMP,
                            TypeKind.TIMESTAMPTZ,
                            TypeKind.TEXT,
                            TypeKind.JSON,
                            TypeKind.DOUBLE,
                            TypeKind.BOOLEAN,
                            TypeKind.DATE,
                            TypeKind.INTEGER,
                            TypeKind.DECIMAL);
            List<Object> row = result.next();
            assertThat(row)
                    .containsExactly(
                            3L,
                            LocalDateTime.of(2025, 1, 15, 17, 24, 56),
                            OffsetDateTime.of(2025, 1, 15, 17, 24, 56, 0, ZoneOffset.UTC),
                            "name-3",
                            "{\"id\":3,\"tags\":[\"a\",\"b\"]}",
                            1.5,
                            true,
                            LocalDate.of(2025, 1, 15),
                            3,
                            new BigDecimal("3.05"));
            assertThat(result.hasNext()).isFalse();
        }
        assertThat(
                        rows(
                                "SELECT DISTINCT compression FROM parquet_metadata('"
                                        + wideDirectory()
                                        + "/a.parquet')"))
                .containsExactly(List.of("ZSTD"));
    }

    @Test
    void sandboxRefusesEverythingOutsideTheLake() throws Exception {
        writeWideFile("a.parquet", 0, 10);
        Path secret = Files.writeString(outside.resolve("secret.csv"), "a,b\n1,2\n");
        List<String> refused =
                List.of(
                        "SELECT * FROM read_csv('/etc/passwd')",
                        "SELECT * FROM read_csv('" + secret + "')",
                        "COPY (SELECT 1) TO '" + outside.resolve("x.csv") + "'",
                        "INSTALL httpfs",
                        "LOAD httpfs",
                        "ATTACH '" + outside.resolve("x.db") + "'",
                        "SET enable_external_access = true",
                        "SET lock_configuration = false",
                        "SET allowed_directories = ['/']");
        for (String sql : refused) {
            assertThatThrownBy(() -> rows(sql)).as(sql).isInstanceOf(SluiceException.class);
        }
        assertThat(Files.exists(outside.resolve("x.csv"))).isFalse();
        assertThat(Files.exists(outside.resolve("x.db"))).isFalse();
        assertThat(rows("SELECT count(*) FROM wide")).containsExactly(List.of(10L));
    }

    @Test
    void countStarIsNamedCountLikePostgres() {
        try (LakeResult result =
                engine.query(
                        "SELECT count(*), count(*) AS n, count(id) FROM wide",
                        Map.of("wide", wide))) {
            assertThat(result.columns())
                    .extracting(column -> column.name())
                    .containsExactly("count", "n", "count(id)");
        }
    }

    @Test
    void explainShowsThePlan() throws Exception {
        writeWideFile("a.parquet", 0, 10);
        List<List<Object>> plan = rows("EXPLAIN SELECT count(*) FROM wide WHERE id > 3");
        assertThat(plan).isNotEmpty();
        assertThat(plan.toString()).containsIgnoringCase("parquet");
    }

    @Test
    void translatesErrors() {
        assertThatThrownBy(() -> rows("SELEC 1"))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR));
        assertThatThrownBy(() -> rows("SELECT * FROM nowhere"))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_TABLE);
                            assertThat(e.getMessage()).contains("nowhere");
                        });
        assertThatThrownBy(() -> rows("SELECT nope FROM wide"))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_COLUMN));
    }

    @Test
    void cancelStopsARunningQuery() throws Exception {
        LakeCancellation cancellation = new LakeCancellation();
        Thread canceller =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(300);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            cancellation.cancel();
                        });
        canceller.start();
        assertThatThrownBy(
                        () -> {
                            try (LakeResult result =
                                    engine.query(
                                            "SELECT sum(a.range * b.range) FROM range(1000000) a,"
                                                    + " range(1000000) b",
                                            Map.of(),
                                            cancellation)) {
                                result.forEachRemaining(row -> {});
                            }
                        })
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUERY_CANCELED));
        canceller.join();
    }
}
