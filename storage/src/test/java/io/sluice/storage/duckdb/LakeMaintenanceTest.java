package io.sluice.storage.duckdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.plan.Column;
import io.sluice.storage.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeMaintenanceTest {
    private static final int SMALL_FILES = 200;
    private static final int ROWS_PER_FILE = 20;

    @TempDir static Path template;
    @TempDir Path lake;

    private BufferAllocator allocator;
    private LakeQueryEngine engine;
    private Path table;

    @BeforeAll
    static void writeSmallFiles() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int i = 0; i < SMALL_FILES; i++) {
                String partition = i % 2 == 0 ? "day=2025-01-15" : "day=2025-01-16";
                WideFiles.write(
                        allocator,
                        template.resolve(partition)
                                .resolve(String.format(Locale.ROOT, "part-%04d.parquet", i)),
                        (long) i * ROWS_PER_FILE,
                        ROWS_PER_FILE);
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        allocator = new RootAllocator();
        engine = new LakeQueryEngine(List.of(lake));
        table = lake.resolve("wide");
        try (Stream<Path> files = Files.walk(template)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = table.resolve(template.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }

    @AfterEach
    void tearDown() {
        engine.close();
        allocator.close();
    }

    private List<Object> aggregates() {
        try (LakeResult result =
                engine.query(
                        "SELECT count(*), count(DISTINCT id), sum(id), count(name), sum(amount)"
                                + " FROM wide",
                        Map.of("wide", new LakeTable("wide", TestTables.WIDE, table)))) {
            return result.next();
        }
    }

    private List<Column> columns() {
        try (LakeResult result =
                engine.query(
                        "SELECT * FROM wide",
                        Map.of("wide", new LakeTable("wide", TestTables.WIDE, table)))) {
            return result.columns();
        }
    }

    private long totalSize(List<Path> files) throws Exception {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    private List<Path> filesOnDisk() throws Exception {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(file -> file.toString().endsWith(".parquet")).toList();
        }
    }

    /** Appends files like the filesystem sink: hidden while written, then renamed. */
    private long appendOne(int sequence) throws Exception {
        Path partition = table.resolve("day=2025-01-16");
        Path hidden = partition.resolve(".new-" + sequence + ".parquet.0.inprogress");
        WideFiles.write(allocator, hidden, 10_000_000L + sequence * 10L, 10);
        Files.move(
                hidden,
                partition.resolve("new-" + sequence + ".parquet"),
                StandardCopyOption.ATOMIC_MOVE);
        return 10;
    }

    @Test
    void compactsSmallFilesWhileAPipelineAppends() throws Exception {
        List<Object> before = aggregates();
        List<Column> columnsBefore = columns();
        long target = totalSize(LakeDirectory.finishedFiles(table)) / 4;

        AtomicBoolean compacting = new AtomicBoolean(true);
        CompletableFuture<long[]> appender =
                CompletableFuture.supplyAsync(
                        () -> {
                            long rows = 0;
                            int files = 0;
                            try {
                                // At least a few files, and keep going until compaction is done.
                                while (compacting.get() || files < 5) {
                                    rows += appendOne(files++);
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return new long[] {rows, files};
                        });
        LakeMaintenance.CompactionResult result =
                new LakeMaintenance(Duration.ZERO).compact(table, target);
        compacting.set(false);
        long[] appended = appender.get(60, TimeUnit.SECONDS);

        assertThat(result.filesReplaced()).isGreaterThan(SMALL_FILES - 10);
        assertThat(result.filesWritten()).isBetween(2, 8);
        assertThat(result.filesDeleted()).isEqualTo(result.filesReplaced());
        List<Path> live = LakeDirectory.finishedFiles(table);
        long compacted =
                live.stream()
                        .filter(file -> !file.getFileName().toString().startsWith("new-"))
                        .count();
        assertThat(compacted)
                .isLessThanOrEqualTo(SMALL_FILES - result.filesReplaced() + result.filesWritten());
        assertThat(live).hasSize((int) (compacted + appended[1]));
        assertThat(filesOnDisk()).containsExactlyInAnyOrderElementsOf(live);

        List<Object> after = aggregates();
        assertThat(after.get(0)).isEqualTo((Long) before.get(0) + appended[0]);
        assertThat(after.get(1)).isEqualTo((Long) before.get(1) + appended[0]);
        assertThat(columns()).isEqualTo(columnsBefore);
    }

    @Test
    void readersSeeTheReplacementOnlyUntilReplacedFilesAreDeleted() throws Exception {
        List<Object> before = aggregates();
        Instant start = Instant.now();
        LakeMaintenance maintenance =
                new LakeMaintenance(Duration.ofHours(1), Clock.fixed(start, ZoneOffset.UTC));
        LakeMaintenance.CompactionResult result = maintenance.compact(table, 1L << 30);

        assertThat(result.filesReplaced()).isEqualTo(SMALL_FILES);
        assertThat(result.filesWritten()).isEqualTo(2);
        assertThat(result.filesDeleted()).isZero();
        // Both generations are on disk during the grace period, but readers see one.
        assertThat(filesOnDisk()).hasSize(SMALL_FILES + 2);
        assertThat(LakeDirectory.finishedFiles(table))
                .hasSize(2)
                .allMatch(file -> file.getFileName().toString().startsWith("compacted-"));
        assertThat(aggregates()).isEqualTo(before);

        // A second compaction leaves files of a pending compaction alone.
        assertThat(maintenance.compact(table, 1L << 30).filesReplaced()).isZero();

        LakeMaintenance later =
                new LakeMaintenance(
                        Duration.ofHours(1),
                        Clock.fixed(start.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThat(later.cleanUp(table)).isEqualTo(SMALL_FILES);
        assertThat(filesOnDisk()).hasSize(2);
        assertThat(table.resolve(LakeDirectory.MARKERS)).isEmptyDirectory();
        assertThat(aggregates()).isEqualTo(before);
    }

    @Test
    void anUncommittedCompactionIsIgnoredAndRemoved() throws Exception {
        List<Object> before = aggregates();
        Path markers = Files.createDirectories(table.resolve(LakeDirectory.MARKERS));
        List<Path> inputs = new ArrayList<>(LakeDirectory.finishedFiles(table).subList(0, 10));
        Path marker = markers.resolve("crashed" + LakeDirectory.MARKER_SUFFIX);
        Files.writeString(
                marker,
                LakeDirectory.Marker.format(
                        table, table.resolve("day=2025-01-15/compacted-crashed.parquet"), inputs),
                UTF_8);

        assertThat(LakeDirectory.finishedFiles(table)).hasSize(SMALL_FILES);
        assertThat(aggregates()).isEqualTo(before);
        assertThat(new LakeMaintenance(Duration.ZERO).cleanUp(table)).isZero();
        assertThat(marker).doesNotExist();
        assertThat(inputs).allMatch(Files::exists);
    }
}
