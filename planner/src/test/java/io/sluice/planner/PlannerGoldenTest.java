package io.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.plan.PlanCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans every {@code plans/*.sql} script (catalog DDL and INSERTs) and compares the logical plan
 * and the pipeline plan JSON with the {@code .out} file next to it. Run with {@code
 * -Dgolden.update=true} to rewrite the expected files.
 */
class PlannerGoldenTest {
    private static final Path PLANS = Path.of("src/test/resources/plans");

    static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(PLANS)) {
            return files
                    .filter(file -> file.toString().endsWith(".sql"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void plan(Path script) throws IOException {
        String sql = Files.readString(script, StandardCharsets.UTF_8);
        List<PlannedInsert> plans = new PlannerHarness().run(sql);
        assertThat(plans).isNotEmpty();

        StringBuilder actual = new StringBuilder();
        for (PlannedInsert planned : plans) {
            actual.append("-- logical plan\n").append(planned.explain());
            planned.inferredSinkSchema()
                    .ifPresent(
                            schema ->
                                    actual.append("-- inferred sink columns\n")
                                            .append(schema)
                                            .append('\n'));
            actual.append("-- pipeline plan\n")
                    .append(PlanCodec.toJson(planned.plan()))
                    .append('\n');
            // The stored form must read back to the same plan.
            assertThat(PlanCodec.fromJson(PlanCodec.toJson(planned.plan())))
                    .isEqualTo(planned.plan());
        }

        Path expectedFile =
                script.resolveSibling(script.getFileName().toString().replace(".sql", ".out"));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expectedFile, actual.toString(), StandardCharsets.UTF_8);
        }
        assertThat(expectedFile).as("run with -Dgolden.update=true to create it").exists();
        assertThat(actual.toString())
                .isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }
}
