package io.sluice.benchmarks.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestPgwireReport {
    @Test
    void ratiosAreSluiceOverPostgres() {
        QueryLoad.Figures sluice =
                new QueryLoad.Figures("sluice", "select-1", 9_000, 1_000_000_000L, 500_000_000L);
        QueryLoad.Figures postgres =
                new QueryLoad.Figures(
                        "postgres", "select-1", 10_000, 1_000_000_000L, 1_000_000_000L);
        assertThat(sluice.queriesPerSecond()).isEqualTo(9_000.0);
        assertThat(sluice.queriesPerCpuSecond()).isEqualTo(18_000.0);

        String report =
                PgwireBenchmark.report(
                        List.of(sluice, postgres),
                        4,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(15));

        assertThat(report)
                .contains("Single run on ")
                .contains("4 client threads")
                .contains("| select-1 | sluice | 9000 | 18000 | 0.90 | 1.80 |")
                .contains("| select-1 | postgres | 10000 | 10000 |  |  |");
    }

    @Test
    void unknownCpuTimeIsReportedAsSuch() {
        QueryLoad.Figures sluice =
                new QueryLoad.Figures("sluice", "select-1", 9_000, 1_000_000_000L, -1);
        assertThat(sluice.queriesPerCpuSecond()).isNaN();
        assertThat(
                        PgwireBenchmark.report(
                                List.of(sluice), 1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .contains("| select-1 | sluice | 9000 | n/a |  |  |");
    }
}
