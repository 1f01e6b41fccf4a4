package io.sluice.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the harness on a tiny workload with both engines and checks that they wrote the same rows.
 * Starts a broker and two engine JVMs (about a minute), so it is tagged and left out of the default
 * build; {@code run.sh --check} runs it with the peer's classpath in {@value #PEER_CLASSPATH}.
 */
@Tag("end-to-end")
class TestEndToEndHarness {
    static final String PEER_CLASSPATH = "sluice.benchmarks.flinkClasspath";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    void bothEnginesWriteEveryMatchingEventOnce(@TempDir Path work) throws IOException {
        String peerClasspathFile = System.getProperty(PEER_CLASSPATH);
        assertThat(peerClasspathFile)
                .as("system property %s (set by run.sh --check)", PEER_CLASSPATH)
                .isNotNull();
        String peerClasspath = Files.readString(Path.of(peerClasspathFile), UTF_8).trim();
        List<EngineRunner> engines =
                List.of(
                        new SluiceRunner(
                                System.getProperty("java.class.path"), "512m", work, TIMEOUT),
                        new FlinkRunner(peerClasspath, "1g", work, TIMEOUT));

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Workload workload = new WorkloadLoader(kafka, 7).load("events", 2, 2000);
            List<RunResult> results =
                    new BenchmarkSuite(engines, List.of(Scenario.of(SinkKind.PARQUET, 2)))
                            .run(workload);

            assertThat(workload.matchingEvents()).isPositive();
            assertThat(results)
                    .extracting(RunResult::status)
                    .containsOnly(RunResult.Status.COMPLETED);
            assertThat(results)
                    .extracting(result -> result.output().rows().orElse(-1))
                    .containsOnly(workload.matchingEvents());
            assertThat(BenchmarkSuite.disagreements(workload, results)).isEmpty();
        }
    }
}
