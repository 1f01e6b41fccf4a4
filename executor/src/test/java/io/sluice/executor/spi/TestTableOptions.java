package io.sluice.executor.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class TestTableOptions {
    private static final List<OptionSpec> FILESYSTEM =
            List.of(
                    OptionSpec.builder("path", OptionType.STRING).required().build(),
                    OptionSpec.builder("rolling_policy.interval", OptionType.DURATION)
                            .aliases("rollover_seconds")
                            .defaultValue("30s")
                            .roles(TableRole.SINK)
                            .build(),
                    OptionSpec.builder("rolling_policy.file_size", OptionType.SIZE)
                            .aliases("target_file_size")
                            .roles(TableRole.SINK)
                            .build(),
                    OptionSpec.builder("format", OptionType.ENUM)
                            .allowedValues("json", "parquet")
                            .defaultValue("parquet")
                            .build(),
                    OptionSpec.builder("partitioning.enabled", OptionType.BOOLEAN).build(),
                    OptionSpec.builder("max_files", OptionType.INTEGER).build(),
                    OptionSpec.builder("secret_key", OptionType.STRING).sensitive().build());

    private static TableOptions sink(Map<String, String> raw) {
        return TableOptions.validate("filesystem", FILESYSTEM, TableRole.SINK, raw, Map.of());
    }

    @Test
    void rewritesAliasesAndFillsDefaults() {
        TableOptions options =
                sink(Map.of("connector", "filesystem", "path", "/x", "rollover_seconds", "60"));

        assertThat(options.values())
                .containsEntry("rolling_policy.interval", "60")
                .containsEntry("format", "parquet")
                .containsEntry("connector", "filesystem")
                .doesNotContainKey("rollover_seconds");
        assertThat(options.getDuration("rolling_policy.interval"))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(options.getString("format")).isEqualTo("parquet");
        assertThat(options.getOptional("max_files")).isEmpty();
    }

    @Test
    void rejectsBothSpellingsOfOneOption() {
        assertThatThrownBy(
                        () ->
                                sink(
                                        Map.of(
                                                "path",
                                                "/x",
                                                "rollover_seconds",
                                                "60",
                                                "rolling_policy.interval",
                                                "10s")))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("two spellings of \"rolling_policy.interval\"");
    }

    @Test
    void rejectsUnknownOptionWithSuggestionAndPosition() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("path", "/x");
        raw.put("rollover_secs", "60");
        SluiceException error =
                catchError(
                        () ->
                                TableOptions.validate(
                                        "filesystem",
                                        FILESYSTEM,
                                        TableRole.SINK,
                                        raw,
                                        Map.of("path", 40, "rollover_secs", 57)));

        assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_OPTION);
        assertThat(error.getMessage())
                .isEqualTo(
                        "unknown option \"rollover_secs\" for connector filesystem; did you mean"
                                + " \"rollover_seconds\"?");
        assertThat(error.position()).isEqualTo(OptionalInt.of(57));
    }

    @Test
    void suggestsNothingForFarAwayNames() {
        assertThatThrownBy(() -> sink(Map.of("path", "/x", "bootstrap_servers", "k:9092")))
                .hasMessage("unknown option \"bootstrap_servers\" for connector filesystem");
    }

    @Test
    void checksTypes() {
        assertThatThrownBy(() -> sink(Map.of("path", "/x", "rollover_seconds", "soon")))
                .hasMessageContaining("\"soon\" is not a duration");
        assertThatThrownBy(() -> sink(Map.of("path", "/x", "target_file_size", "big")))
                .hasMessageContaining("is not a size");
        assertThatThrownBy(() -> sink(Map.of("path", "/x", "partitioning.enabled", "maybe")))
                .hasMessageContaining("is not a boolean");
        assertThatThrownBy(() -> sink(Map.of("path", "/x", "max_files", "1.5")))
                .hasMessageContaining("is not an integer");
        assertThatThrownBy(() -> sink(Map.of("path", "/x", "format", "csv")))
                .hasMessageContaining("expected one of json, parquet");
        assertThatThrownBy(() -> sink(Map.of("path", "/x", "type", "table")))
                .hasMessageContaining("expected one of source, sink, lake");

        TableOptions options =
                sink(
                        Map.of(
                                "path",
                                "/x",
                                "target_file_size",
                                "128MB",
                                "rollover_seconds",
                                "5m",
                                "partitioning.enabled",
                                "TRUE",
                                "max_files",
                                "7",
                                "format",
                                "JSON"));
        assertThat(options.getSize("rolling_policy.file_size")).isEqualTo(128L * 1024 * 1024);
        assertThat(options.getDuration("rolling_policy.interval")).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.getBoolean("partitioning.enabled")).isTrue();
        assertThat(options.getInt("max_files")).isEqualTo(7);
        assertThat(options.getString("format")).isEqualTo("json");
    }

    @Test
    void parsesDurationsAndSizes() {
        assertThat(TableOptions.parseDuration("10")).contains(Duration.ofSeconds(10));
        assertThat(TableOptions.parseDuration("10s")).contains(Duration.ofSeconds(10));
        assertThat(TableOptions.parseDuration("500ms")).contains(Duration.ofMillis(500));
        assertThat(TableOptions.parseDuration("1h")).contains(Duration.ofHours(1));
        assertThat(TableOptions.parseDuration("1 week")).isEmpty();
        assertThat(TableOptions.parseSize("1048576")).contains(1048576L);
        assertThat(TableOptions.parseSize("64KB")).contains(65536L);
        assertThat(TableOptions.parseSize("1GB")).contains(1L << 30);
        assertThat(TableOptions.parseSize("-1")).isEmpty();
    }

    @Test
    void requiresRequiredOptions() {
        assertThatThrownBy(() -> sink(Map.of("format", "json")))
                .hasMessage("option \"path\" is required for connector filesystem");
    }

    @Test
    void rejectsOptionsOfAnotherRole() {
        assertThatThrownBy(
                        () ->
                                TableOptions.validate(
                                        "filesystem",
                                        FILESYSTEM,
                                        TableRole.SOURCE,
                                        Map.of("path", "/x", "rollover_seconds", "10"),
                                        Map.of()))
                .hasMessageContaining("does not apply to source tables");
        TableOptions source =
                TableOptions.validate(
                        "filesystem", FILESYSTEM, TableRole.SOURCE, Map.of("path", "/x"), Map.of());
        assertThat(source.values()).doesNotContainKey("rolling_policy.interval");
    }

    @Test
    void redactsSensitiveValues() {
        TableOptions options = sink(Map.of("path", "/x", "secret_key", "CANARY-1"));

        assertThat(options.redacted())
                .containsEntry("secret_key", "********")
                .containsEntry("path", "/x");
        assertThat(options.redacted().toString()).doesNotContain("CANARY-1");
        assertThat(options.getString("secret_key")).isEqualTo("CANARY-1");
    }

    @Test
    void substitutesEnvironmentVariables() {
        TableOptions options =
                sink(
                        Map.of(
                                "path",
                                "s3://{{ BUCKET }}/events",
                                "secret_key",
                                "{{SECRET}}",
                                "max_files",
                                "{{ MAX_FILES }}"));

        TableOptions substituted =
                options.substitute(
                        Map.of("BUCKET", "lake", "SECRET", "CANARY-2", "MAX_FILES", "12"));

        assertThat(substituted.getString("path")).isEqualTo("s3://lake/events");
        assertThat(substituted.getString("secret_key")).isEqualTo("CANARY-2");
        assertThat(substituted.getInt("max_files")).isEqualTo(12);
        assertThat(substituted.redacted().get("secret_key")).isEqualTo("********");
    }

    @Test
    void namesMissingVariableButNeverAValue() {
        TableOptions options = sink(Map.of("path", "/x", "secret_key", "{{ SECRET }}"));

        assertThatThrownBy(() -> options.substitute(Map.of("OTHER", "CANARY-3")))
                .isInstanceOf(SluiceException.class)
                .hasMessage("environment variable SECRET used by option \"secret_key\" is not set");
    }

    @Test
    void checksSubstitutedValues() {
        TableOptions options =
                sink(Map.of("path", "/x", "secret_key", "s", "max_files", "{{ N }}"));

        assertThatThrownBy(() -> options.substitute(Map.of("N", "many")))
                .hasMessageContaining("is not an integer");
    }

    @Test
    void neverEchoesSensitiveValuesInErrors() {
        List<OptionSpec> specs =
                List.of(OptionSpec.builder("token", OptionType.INTEGER).sensitive().build());

        assertThatThrownBy(
                        () ->
                                TableOptions.validate(
                                        "c",
                                        specs,
                                        TableRole.SOURCE,
                                        Map.of("token", "CANARY-4"),
                                        Map.of()))
                .hasMessageNotContaining("CANARY-4")
                .hasMessageContaining("is not an integer");
    }

    private static SluiceException catchError(Runnable action) {
        try {
            action.run();
        } catch (SluiceException e) {
            return e;
        }
        throw new AssertionError("expected an error");
    }

    @Test
    void sizeAndDurationSpellingsShareOneParser() {
        assertThat(TableOptions.parseSize("64m")).contains(64L << 20);
        assertThat(TableOptions.parseSize("64 MiB")).contains(64L << 20);
        assertThat(TableOptions.parseSize("1g")).contains(1L << 30);
        assertThat(TableOptions.parseSize("12")).contains(12L);
        assertThat(TableOptions.parseSize("twelve")).isEmpty();
        assertThat(TableOptions.parseDuration("2 hours")).contains(java.time.Duration.ofHours(2));
        assertThat(TableOptions.parseDuration("1 minute"))
                .contains(java.time.Duration.ofMinutes(1));
        assertThat(TableOptions.parseDuration("250 millis"))
                .contains(java.time.Duration.ofMillis(250));
        assertThat(TableOptions.parseDuration("30")).contains(java.time.Duration.ofSeconds(30));
        assertThat(TableOptions.parseDuration("soon")).isEmpty();
    }
}
