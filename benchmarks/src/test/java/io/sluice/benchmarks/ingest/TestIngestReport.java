package io.sluice.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestIngestReport {
    @Test
    void phaseFiguresAndTable() {
        PhaseResult batched =
                new PhaseResult(
                        "batches of 100, 3x max rate",
                        100,
                        300_000,
                        200_000,
                        Map.of(429, 5_000L, -1, 2L),
                        2_000_000_000L,
                        500_000_000L,
                        3.0,
                        7.5,
                        12.25,
                        300L << 20,
                        400L << 20,
                        350L << 20);

        assertThat(batched.eventsPerSecond()).isEqualTo(100_000.0);
        assertThat(batched.requestsPerSecond()).isEqualTo(1_000.0);
        assertThat(batched.eventsPerServerCpuSecond()).isEqualTo(400_000.0);
        assertThat(batched.refusalsText()).isEqualTo("2 × no answer, 5000 × 429");

        String report =
                IngestBenchmark.report(
                        List.of(batched), 64, Duration.ofSeconds(3), Duration.ofSeconds(10), 4096);
        assertThat(report)
                .contains("Single run on ")
                .contains("`ingest.max_in_flight_bytes` is 4096")
                .contains(
                        "| batches of 100, 3x max rate | 300000 | 100000 | 1000 | 400000 | 3.0 |"
                                + " 7.5 | 12.3 | 2 × no answer, 5000 × 429 | 300 MB | 400 MB |"
                                + " 350 MB |");
    }

    @Test
    void percentilesOfRecordedLatencies() {
        Latencies latencies = new Latencies();
        assertThat(latencies.percentileMillis(0.5)).isNaN();
        for (int i = 100; i >= 1; i--) {
            latencies.record(i * 1_000_000L);
        }
        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(0.50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(0.99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(1.0)).isEqualTo(100.0);
    }
}
