package io.sluice.server.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.runtime.ServiceLoaderConnectorRegistry;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.OptionType;
import io.sluice.executor.spi.TableRole;
import io.sluice.server.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reference pages of the user guide are generated from the declarations they describe
 * (connector options, server settings, error codes), so they cannot drift: this test fails when a
 * page differs from what the code declares. Run with {@code -Dgolden.update=true} to regenerate
 * them.
 */
class TestReferenceDocs {
    private static final Path REFERENCE = Path.of("../docs/reference");

    @Test
    void connectorOptions() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Connector options\n\n");
        out.append(generatedNotice());
        out.append(
                "Every table names its connector with `connector = '…'`. The options below are"
                    + " validated when the table is created: an unknown option is an error that"
                    + " names the nearest valid one, and an alias is rewritten to the canonical"
                    + " name. Every table also accepts `type` (`source`, `sink` or `lake`) and"
                    + " `connection_profile`, whose options are merged under the table's own.\n\n");
        List<ConnectorFactory> connectors =
                new ServiceLoaderConnectorRegistry()
                        .connectors().stream()
                                .sorted(Comparator.comparing(ConnectorFactory::name))
                                .collect(Collectors.toList());
        for (ConnectorFactory connector : connectors) {
            out.append("## `").append(connector.name()).append("`\n\n");
            out.append("Roles: ")
                    .append(
                            connector.roles().stream()
                                    .map(role -> role.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", ")))
                    .append(".\n\n");
            out.append(
                    "| option | aliases | type | default | required | applies to | description"
                            + " |\n");
            out.append("|---|---|---|---|---|---|---|\n");
            for (OptionSpec option : connector.options()) {
                out.append("| `").append(option.name()).append("`");
                out.append(" | ")
                        .append(
                                option.aliases().stream()
                                        .map(alias -> "`" + alias + "`")
                                        .collect(Collectors.joining(", ")));
                out.append(" | ").append(type(option));
                out.append(" | ")
                        .append(option.defaultValue().map(value -> "`" + value + "`").orElse(""));
                out.append(" | ").append(option.required() ? "yes" : "");
                out.append(" | ")
                        .append(
                                option.roles().stream()
                                        .sorted()
                                        .map(TableRole::name)
                                        .map(role -> role.toLowerCase(Locale.ROOT))
                                        .collect(Collectors.joining(", ")));
                out.append(" | ").append(cell(option.doc()));
                if (option.sensitive()) {
                    out.append(" Secret: never shown by SHOW CREATE, EXPLAIN, logs or errors.");
                }
                out.append(" |\n");
            }
            out.append("\n");
        }
        assertGenerated("connector-options.md", out.toString());
    }

    @Test
    void settings() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Server settings\n\n");
        out.append(generatedNotice());
        out.append(
                "`bin/sluice server --config FILE` reads a Java properties file. Every key can also"
                        + " be set by an environment variable, which wins over the file. Connection"
                        + " profiles can be defined as `profile.<name>.<option> = value`.\n\n");
        out.append("| setting | environment variable | default | description |\n");
        out.append("|---|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            out.append("| `")
                    .append(setting.key())
                    .append("` | `")
                    .append(setting.environmentVariable());
            out.append("` | ")
                    .append(setting.defaultValue().map(value -> "`" + value + "`").orElse(""));
            out.append(" | ").append(cell(setting.doc())).append(" |\n");
        }
        assertGenerated("settings.md", out.toString());
    }

    @Test
    void errors() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Error codes\n\n");
        out.append(generatedNotice());
        out.append(
                "Every error Sluice reports has one of these codes. Over the PostgreSQL protocol"
                    + " the SQLSTATE is sent with the message and, for errors in SQL text, the"
                    + " position (psql draws a `^` under it); over HTTP the status below is"
                    + " answered with a JSON body `{\"error\": …, \"code\": …}`. User errors are"
                    + " mistakes in a request; external errors come from Kafka, S3 or Postgres and"
                    + " may go away when retried; internal errors are bugs.\n\n");
        out.append("| code | name | SQLSTATE | kind | HTTP status |\n");
        out.append("|---|---|---|---|---|\n");
        for (ErrorCode code : ErrorCode.values()) {
            out.append("| ").append(code.code());
            out.append(" | `").append(code.name()).append("`");
            out.append(" | `").append(code.sqlState()).append("`");
            out.append(" | ").append(code.kind().name().toLowerCase(Locale.ROOT));
            out.append(" | ").append(code.httpStatus()).append(" |\n");
        }
        assertGenerated("errors.md", out.toString());
    }

    private static String type(OptionSpec option) {
        if (option.type() == OptionType.ENUM) {
            return option.allowedValues().stream()
                    .map(value -> "`" + value + "`")
                    .collect(Collectors.joining(" \\| "));
        }
        return option.type().name().toLowerCase(Locale.ROOT);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String generatedNotice() {
        return "<!-- Generated from the code by TestReferenceDocs; run `mvn -pl server test"
                + " -Dtest=TestReferenceDocs -Dgolden.update=true` after changing a declaration."
                + " -->\n\n";
    }

    private static void assertGenerated(String name, String content) throws IOException {
        Path file = REFERENCE.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(REFERENCE);
            Files.writeString(file, content, UTF_8);
        }
        assertThat(file).as("%s is missing: run with -Dgolden.update=true", file).exists();
        assertThat(Files.readString(file, UTF_8))
                .as("%s is out of date: run with -Dgolden.update=true", file)
                .isEqualTo(content);
    }
}
