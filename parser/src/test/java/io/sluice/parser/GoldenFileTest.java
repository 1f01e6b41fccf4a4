package io.sluice.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code golden/NAME.sql} is parsed and written back; the result must equal {@code
 * golden/NAME.out}. Run with {@code -Dgolden.update=true} to rewrite the expected files after an
 * intended change, then review the diff.
 */
class GoldenFileTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Path> inputs() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            inputs = files.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(inputs).isNotEmpty();
        return inputs.stream();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void matchesExpectedOutput(Path input) throws IOException {
        String actual = render(Files.readString(input, StandardCharsets.UTF_8));
        Path expectedFile =
                GOLDEN.resolve(input.getFileName().toString().replaceAll("\\.sql$", ".out"));

        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(expectedFile).exists();
        assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }

    private static String render(String sql) {
        List<SqlNode> statements;
        try {
            statements = SluiceParser.parseStatements(sql);
        } catch (SluiceParseException e) {
            return String.format(
                    Locale.ROOT,
                    "ERROR at line %d, column %d (offset %d): %s%n",
                    e.line(),
                    e.column(),
                    e.offset(),
                    e.getMessage());
        }
        StringBuilder out = new StringBuilder();
        for (SqlNode statement : statements) {
            String unparsed = SluiceParser.unparse(statement);
            // The written form is only useful if it reads back as the same statement.
            SqlNode reparsed = SluiceParser.parseStatement(unparsed);
            assertThat(reparsed.equalsDeep(statement, Litmus.IGNORE))
                    .as("round trip of %s", unparsed)
                    .isTrue();
            out.append(unparsed).append(";\n");
        }
        return out.toString();
    }
}
