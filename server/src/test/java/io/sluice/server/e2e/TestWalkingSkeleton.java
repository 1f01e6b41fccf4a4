package io.sluice.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * The walking skeleton end to end on real services: the article's statements over pgjdbc, events
 * over HTTP into Kafka, a running pipeline writing Parquet, the lake queried through DuckDB in the
 * same session, and a restart that resumes the pipeline from its stored offsets without losing an
 * event.
 */
class TestWalkingSkeleton {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    @TempDir Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();
    private TestingSluice sluice;
    private String topic;
    private Path lake;

    @BeforeEach
    void start() {
        topic = "analytics-" + UUID.randomUUID();
        lake = dataDir.resolve("lake-out/account_created");
        sluice = TestingSluice.start(dataDir, topic);
    }

    @AfterEach
    void stop() {
        sluice.close();
    }

    @Test
    void eventsFlowFromHttpThroughKafkaIntoTheLakeAndSurviveARestart() throws Exception {
        try (Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            for (String sql : articleStatements()) {
                statement.execute(sql);
            }
            assertThat(pipelineNames(statement)).containsExactly("pipeline_1");

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String type = i % 4 == 0 ? "account_created" : "page_view";
                String id = "before-" + i;
                assertThat(ingest(event(id, type))).isEqualTo("ok");
                if (type.equals("account_created")) {
                    expected.add(id);
                }
            }
            awaitDistinctIds(statement, expected.size());
            try (ResultSet rs =
                    statement.executeQuery(
                            "SELECT signup_method, campaign_id, product, timestamp FROM"
                                    + " account_created_sink LIMIT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("email");
                assertThat(rs.getString(2)).isEqualTo("WINTER2025");
                assertThat(rs.getString(3)).isEqualTo("premium");
                assertThat(rs.getTimestamp(4).toLocalDateTime().toString())
                        .isEqualTo("2025-01-15T17:24:53");
            }
        }

        sluice.restart();

        try (Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            assertThat(pipelineNames(statement)).containsExactly("pipeline_1");
            for (int i = 0; i < 8; i++) {
                assertThat(ingest(event("after-" + i, "account_created"))).isEqualTo("ok");
            }
            // 5 before the restart, 8 after: every one arrives; the skeleton allows duplicates,
            // never a loss.
            awaitDistinctIds(statement, 13);
            try (ResultSet rs =
                    statement.executeQuery(
                            "SELECT count(*) FILTER (WHERE id LIKE 'before-%'), count(DISTINCT id)"
                                    + " FROM account_created_sink")) {
                rs.next();
                assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(5);
                assertThat(rs.getLong(2)).isEqualTo(13);
            }
            try (ResultSet rs = statement.executeQuery("SHOW TABLES")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString("name"));
                }
                assertThat(names).containsExactly("account_created_sink", "events");
            }
        }
    }

    @Test
    void badInputGetsAClearErrorAndTheServerKeepsServing() throws Exception {
        try (Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SELEC 1"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).isEqualTo("42601");
                                assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(1);
                                assertThat(e.getMessage())
                                        .contains("syntax error at or near \"SELEC\"");
                            });
            assertThatThrownBy(() -> statement.execute("SELECT count(*) FROM nowhere"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).isEqualTo("42P01");
                                assertThat(e.getMessage())
                                        .contains("relation \"nowhere\" does not exist");
                                assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(22);
                            });
            String badOption =
                    "CREATE TABLE s WITH (connector = 'filesystem', path = '"
                            + lake.toUri()
                            + "', rollover_secs = '10')";
            assertThatThrownBy(() -> statement.execute(badOption))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).isEqualTo("22023");
                                assertThat(e.getMessage())
                                        .contains("rollover_secs")
                                        .contains("did you mean \"rollover_seconds\"");
                                assertThat(e.getServerErrorMessage().getPosition())
                                        .isEqualTo(badOption.indexOf("rollover_secs") + 1);
                            });

            HttpResponse<String> malformed = post("{\"id\": oops");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("invalid JSON at line 1 column 8");

            try (ResultSet rs = statement.executeQuery("SELECT 41 + 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    private List<String> articleStatements() throws IOException {
        String script = Files.readString(Path.of("src/test/resources/e2e/article.sql"), UTF_8);
        script =
                script.replace("${bootstrap_servers}", sluice.kafkaBootstrapServers())
                        .replace("${topic}", topic)
                        .replace("${lake}", lake.toUri().toString());
        List<String> statements = new ArrayList<>();
        for (String statement : script.split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                statements.add(statement);
            }
        }
        return statements;
    }

    private String ingest(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(sluice.ingestUri())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String id, String type) {
        return "{\"id\":\""
                + id
                + "\",\"timestamp\":\"2025-01-15T17:24:53Z\",\"ip\":\"129.168.5.15\",\"user_id\":\"bob\","
                + "\"platform\":\"ios\",\"app_version\":\"v1.12\",\"type\":\""
                + type
                + "\",\"properties\":{\"signup_method\":\"email\",\"campaign_id\":\"WINTER2025\","
                + "\"product\":\"premium\"}}";
    }

    private static List<String> pipelineNames(Statement statement) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SHOW PIPELINES")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    private static void awaitDistinctIds(Statement statement, int expected) {
        await().atMost(ARRIVAL)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            try (ResultSet rs =
                                    statement.executeQuery(
                                            "SELECT count(DISTINCT id) FROM"
                                                    + " account_created_sink")) {
                                rs.next();
                                return rs.getLong(1) >= expected;
                            }
                        });
    }
}
