package io.sluice.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the examples of {@code docs/sql.md} in order against a real server: every {@code sql} block
 * is executed, and a {@code text} block right after it is the expected answer, in {@link
 * SqlScript}'s form without the echoed statements.
 */
class TestSqlDocs {
    private static final Path DOC = Path.of("../docs/sql.md");
    private static final String DOC_BROKERS = "localhost:9092";
    private static final String DOC_LAKE = "file:///var/lib/sluice/lake/";

    @TempDir Path dataDir;

    @Test
    void examplesAnswerAsDocumented() throws Exception {
        List<Example> examples = examples(Files.readString(DOC, UTF_8));
        assertThat(examples).hasSizeGreaterThan(10);
        try (TestingSluice sluice = TestingSluice.start(dataDir, "docs-" + UUID.randomUUID());
                Connection connection = sluice.connect()) {
            Map<String, String> replacements = new LinkedHashMap<>();
            replacements.put(DOC_BROKERS, sluice.kafkaBootstrapServers());
            replacements.put(DOC_LAKE, dataDir.resolve("lake").toUri().toString());
            replacements.put("topic = 'analytics'", "topic = 'docs-" + UUID.randomUUID() + "'");
            SoftAssertions softly = new SoftAssertions();
            StringBuilder actual = new StringBuilder();
            for (Example example : examples) {
                String sql = example.sql();
                for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                    sql = sql.replace(replacement.getKey(), replacement.getValue());
                }
                String answer =
                        SqlScript.run(connection, SqlScript.statements(sql, Map.of()), false);
                for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                    answer = answer.replace(replacement.getValue(), replacement.getKey());
                }
                actual.append("```sql\n")
                        .append(example.sql())
                        .append("```\n\n```text\n")
                        .append(answer)
                        .append("```\n\n");
                if (example.expected() != null) {
                    softly.assertThat(answer.strip())
                            .as("answer to\n%s", example.sql())
                            .isEqualTo(example.expected().strip());
                } else {
                    softly.assertThat(answer)
                            .as("answer to\n%s", example.sql())
                            .doesNotContain("ERROR");
                }
            }
            // What the server answered, for updating the page after an intended change.
            Files.writeString(Path.of("target/sql-docs-answers.md"), actual, UTF_8);
            softly.assertAll();
        }
    }

    private record Example(String sql, String expected) {}

    private static List<Example> examples(String markdown) {
        List<Example> examples = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String pendingSql = null;
        for (int i = 0; i < lines.length; i++) {
            String fence = lines[i].strip();
            if (!fence.startsWith("```") || fence.equals("```")) {
                if (pendingSql != null && !lines[i].isBlank()) {
                    examples.add(new Example(pendingSql, null));
                    pendingSql = null;
                }
                continue;
            }
            StringBuilder body = new StringBuilder();
            int end = i + 1;
            while (!lines[end].strip().equals("```")) {
                body.append(lines[end]).append('\n');
                end++;
            }
            if (fence.equals("```sql")) {
                if (pendingSql != null) {
                    examples.add(new Example(pendingSql, null));
                }
                pendingSql = body.toString();
            } else if (fence.equals("```text") && pendingSql != null) {
                examples.add(new Example(pendingSql, body.toString()));
                pendingSql = null;
            }
            i = end;
        }
        if (pendingSql != null) {
            examples.add(new Example(pendingSql, null));
        }
        return examples;
    }
}
