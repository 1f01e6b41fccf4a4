package io.sluice.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReport {
    private static final Workload WORKLOAD =
            new Workload("127.0.0.1:9092", "t", 2, 1000, 330_000, 50);
    private static final Scenario PARQUET = Scenario.of(SinkKind.PARQUET, 1);

    @Test
    void ratioIsSluiceOverFlinkPerCpuSecond(@TempDir Path directory) throws IOException {
        RunResult flink =
                RunResult.completed(
                        "flink", PARQUET, 1000, 500, 1_000_000_000, 100 << 20, output(50, 7));
        RunResult sluice =
                RunResult.completed(
                        "sluice", PARQUET, 1000, 250, 250_000_000, 50 << 20, output(50, 7));

        String markdown =
                new Report(WORKLOAD, List.of(sluice, flink), Map.of("CPUs", "2")).write(directory);

        assertThat(sluice.eventsPerCpuSecond()).hasValue(4000.0);
        assertThat(flink.eventsPerSecond()).hasValue(2000.0);
        assertThat(markdown).contains("| parquet-p1 | sluice | 4,000 | 4,000 | 4.00× | 2.00× |");
        assertThat(Files.readString(directory.resolve(Report.CSV_FILE), UTF_8))
                .contains("parquet-p1,parquet,1,sluice,completed,1000,250,250,4000,4000,");
        assertThat(directory.resolve(Report.CPU_CHART_FILE)).isNotEmptyFile();
        assertThat(BenchmarkSuite.disagreements(WORKLOAD, List.of(sluice, flink))).isEmpty();
    }

    @Test
    void runWithoutFiguresShowsItsStatusAndNoNumbers(@TempDir Path directory) {
        RunResult flink =
                RunResult.completed(
                        "flink", PARQUET, 1000, 500, 1_000_000_000, 100 << 20, output(50, 7));
        RunResult sluice =
                RunResult.withoutFigures(
                        "sluice", PARQUET, RunResult.Status.PENDING, "runner not built yet");

        String markdown = new Report(WORKLOAD, List.of(sluice, flink), Map.of()).write(directory);

        assertThat(sluice.eventsPerSecond()).isEmpty();
        assertThat(markdown).contains("| parquet-p1 | sluice | pending | pending | pending |");
        assertThat(markdown).contains("runner not built yet");
    }

    @Test
    void disagreementsNameWrongCountsAndDifferentRows() {
        RunResult flink = RunResult.completed("flink", PARQUET, 1000, 500, 1, -1, output(50, 7));
        RunResult sluice = RunResult.completed("sluice", PARQUET, 1000, 500, 1, -1, output(49, 8));

        assertThat(BenchmarkSuite.disagreements(WORKLOAD, List.of(flink, sluice)))
                .containsExactly(
                        "sluice parquet-p1 wrote 49 rows, expected 50",
                        "sluice parquet-p1 wrote other rows than flink parquet-p1 (checksum"
                                + " OptionalLong[8] vs OptionalLong[7])");
    }

    @Test
    void resultLineIsParsedIntoFigures() {
        Map<String, String> figures =
                ChildJvm.parse("RESULT netMillis=12 cpuNanos=34 peakRssBytes=-1");

        assertThat(ChildJvm.figure(figures, "cpuNanos")).isEqualTo(34);
        assertThat(figures).containsEntry("peakRssBytes", "-1").hasSize(3);
    }

    private static OutputSummary output(long rows, long checksum) {
        return new OutputSummary(1, 1000, OptionalLong.of(rows), OptionalLong.of(checksum));
    }
}
