package io.sluice.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeQueryLimitsTest {
    @TempDir Path lake;

    private static List<List<Object>> rows(LakeQueryEngine engine, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (LakeResult result = engine.query(sql, Map.of())) {
            result.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void resultsAreStreamedNotMaterialized() {
        // An endless result: materializing it would never finish and hit the time limit.
        LakeQueryLimits limits =
                new LakeQueryLimits(Duration.ofMinutes(1), Optional.of("64MB"), OptionalInt.of(2));
        try (LakeQueryEngine engine = new LakeQueryEngine(List.of(lake), limits, Optional.empty());
                LakeResult result =
                        engine.query(
                                "SELECT range AS n, repeat('x', 100) AS padding"
                                        + " FROM range(9223372036854775807)",
                                Map.of())) {
            long read = 0;
            while (read < 200_000 && result.hasNext()) {
                assertThat(result.next().get(0)).isEqualTo(read);
                read++;
            }
            assertThat(read).isEqualTo(200_000);
        }
    }

    @Test
    void timeLimitCancelsWithAClearError() {
        LakeQueryLimits limits =
                new LakeQueryLimits(Duration.ofMillis(300), Optional.empty(), OptionalInt.empty());
        try (LakeQueryEngine engine =
                new LakeQueryEngine(List.of(lake), limits, Optional.empty())) {
            assertThatThrownBy(
                            () ->
                                    rows(
                                            engine,
                                            "SELECT sum(a.range * b.range) FROM range(1000000) a,"
                                                    + " range(1000000) b"))
                    .isInstanceOfSatisfying(
                            SluiceException.class,
                            e -> {
                                assertThat(e.errorCode()).isEqualTo(ErrorCode.QUERY_CANCELED);
                                assertThat(e.errorCode().sqlState()).isEqualTo("57014");
                                assertThat(e.getMessage())
                                        .contains("statement timeout")
                                        .contains("300ms")
                                        .contains("lake.query.timeout");
                            });
            // The engine is still healthy and the next query has its own time.
            assertThat(rows(engine, "SELECT 42")).containsExactly(List.of(42));
        }
    }

    @Test
    void memoryLimitFailsTheQueryNotTheServer() {
        LakeQueryLimits limits =
                new LakeQueryLimits(Duration.ofMinutes(1), Optional.of("32MB"), OptionalInt.of(2));
        try (LakeQueryEngine engine =
                new LakeQueryEngine(List.of(lake), limits, Optional.empty())) {
            assertThatThrownBy(
                            () ->
                                    rows(
                                            engine,
                                            "SELECT string_agg(range::VARCHAR, ',') FROM"
                                                    + " range(20000000)"))
                    .isInstanceOfSatisfying(
                            SluiceException.class,
                            e -> {
                                assertThat(e.errorCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                                assertThat(e.getMessage())
                                        .contains("out of memory")
                                        .contains("lake.query.memory_limit");
                            });
            assertThat(rows(engine, "SELECT count(*) FROM range(1000)"))
                    .containsExactly(List.of(1000L));
        }
    }

    @Test
    void executionErrorsKeepDuckDbsMessage() {
        try (LakeQueryEngine engine = new LakeQueryEngine(List.of(lake))) {
            assertThatThrownBy(
                            () ->
                                    rows(
                                            engine,
                                            "SELECT CAST(range::VARCHAR || 'x' AS INTEGER) FROM"
                                                    + " range(10)"))
                    .isInstanceOfSatisfying(
                            SluiceException.class,
                            e -> {
                                assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_EXCEPTION);
                                assertThat(e.getMessage()).contains("Could not convert string");
                            });
        }
    }

    @Test
    void sandboxRefusesEscapesWithClearErrors() {
        try (LakeQueryEngine engine = new LakeQueryEngine(List.of(lake))) {
            Map<String, String> refused =
                    Map.ofEntries(
                            Map.entry("SELECT * FROM read_text('/etc/passwd')", "Permission"),
                            Map.entry("SELECT * FROM read_blob('/etc/hostname')", "Permission"),
                            Map.entry("SELECT * FROM glob('/etc/*')", "Permission"),
                            Map.entry("SELECT getenv('HOME')", "getenv"),
                            Map.entry(
                                    "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
                                    "CREATE statements are not allowed"),
                            Map.entry("SET threads = 1", "settings are fixed"),
                            Map.entry("set memory_limit = '100GB'", "settings are fixed"),
                            Map.entry("RESET memory_limit", "settings are fixed"),
                            Map.entry("PRAGMA threads = 4", "settings are fixed"),
                            Map.entry("/* hi */ SET TimeZone = 'UTC'", "settings are fixed"),
                            Map.entry("SELECT 1; SET threads = 1", "one statement"),
                            Map.entry("EXPLAIN ANALYZE COPY (SELECT 1) TO 'x.csv'", "COPY"),
                            Map.entry("INSTALL httpfs", "INSTALL"),
                            Map.entry("ATTACH 'x.db'", "ATTACH"),
                            Map.entry("CALL pragma_version()", "CALL"));
            refused.forEach(
                    (sql, message) ->
                            assertThatThrownBy(() -> rows(engine, sql))
                                    .as(sql)
                                    .isInstanceOfSatisfying(
                                            SluiceException.class,
                                            e -> {
                                                assertThat(e.errorCode())
                                                        .isIn(
                                                                ErrorCode.INSUFFICIENT_PRIVILEGE,
                                                                ErrorCode.UNDEFINED_FUNCTION);
                                                assertThat(e.getMessage()).contains(message);
                                            }));
            // A semicolon inside a string is not a second statement.
            assertThat(rows(engine, "SELECT 'a;b' -- trailing; comment\n;"))
                    .containsExactly(List.of("a;b"));
            assertThat(rows(engine, "SELECT current_setting('threads') > 0"))
                    .containsExactly(List.of(true));
        }
    }
}
