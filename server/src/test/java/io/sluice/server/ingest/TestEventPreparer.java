package io.sluice.server.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestEventPreparer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.678901Z");

    private static final EventSchema SCHEMA =
            new EventSchema(
                    "events",
                    new RowSchema(
                            List.of(
                                    new Column("id", SqlType.of(TypeKind.TEXT)),
                                    new Column(
                                            "timestamp",
                                            SqlType.of(TypeKind.TIMESTAMP).withNullable(false)),
                                    new Column("user_id", SqlType.of(TypeKind.TEXT)),
                                    new Column("count", SqlType.of(TypeKind.INTEGER)),
                                    new Column("properties", SqlType.of(TypeKind.JSON)))),
                    List.of("id"));

    @Test
    void plainStreamPassesBytesThrough() throws Exception {
        byte[] value = "{\"a\": 1}".getBytes(UTF_8);

        PreparedEvent event =
                new EventPreparer(IngestStream.plain("default", "t"), Optional.empty())
                        .prepare(value, RECEIVED, "10.0.0.1");

        assertThat(event.key()).isNull();
        assertThat(event.value()).isSameAs(value);
    }

    @Test
    void partitionKeyIsTheFieldValue() throws Exception {
        EventPreparer preparer = preparer(Enrichment.none(), Optional.empty());

        assertThat(key(preparer, "{\"user_id\":\"u-42\",\"x\":{\"user_id\":1}}")).isEqualTo("u-42");
        assertThat(key(preparer, "{\"user_id\":17}")).isEqualTo("17");
        assertThat(key(preparer, "{\"user_id\":null}")).isNull();
        assertThat(key(preparer, "{\"other\":1}")).isNull();
    }

    @Test
    void enrichmentAddsFieldsAfterTheClientsBytes() throws Exception {
        EventPreparer preparer = preparer(new Enrichment(true, true, true), Optional.empty());

        String value = prepare(preparer, "{\"user_id\": \"u\"}");

        assertThat(value).startsWith("{\"user_id\": \"u\",\"id\":\"");
        JsonNode tree = MAPPER.readTree(value);
        assertThat(tree.get("receive_time").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(tree.get("client_ip").asText()).isEqualTo("10.0.0.1");
        assertThat(tree.get("id").asText()).hasSize(36);
        assertThat(MAPPER.readTree(prepare(preparer, "{}")).size()).isEqualTo(3);
    }

    @Test
    void enrichmentKeepsAClientIdAndReplacesAClientIp() throws Exception {
        EventPreparer preparer = preparer(new Enrichment(false, true, true), Optional.empty());

        JsonNode tree =
                MAPPER.readTree(prepare(preparer, "{\"id\":\"mine\",\"client_ip\":\"1.2.3.4\"}"));

        assertThat(tree.get("id").asText()).isEqualTo("mine");
        assertThat(tree.get("client_ip").asText()).isEqualTo("10.0.0.1");
        assertThat(tree.size()).isEqualTo(2);
    }

    @Test
    void schemaNamesTheFieldAndTheReason() {
        EventPreparer preparer = preparer(Enrichment.none(), Optional.of(SCHEMA));

        assertViolation(preparer, "{\"id\":\"1\"}", "timestamp", "required field is missing");
        assertViolation(
                preparer,
                "{\"timestamp\":\"2026-01-01T00:00:00Z\"}",
                "id",
                "required field is missing");
        assertViolation(
                preparer,
                "{\"id\":\"1\",\"timestamp\":\"yesterday\"}",
                "timestamp",
                "expected TIMESTAMP (an RFC 3339 string or epoch milliseconds), got a string");
        assertViolation(
                preparer,
                "{\"id\":\"1\",\"timestamp\":1,\"count\":\"3\"}",
                "count",
                "expected INTEGER (an integer in range), got a string");
        assertViolation(
                preparer,
                "{\"id\":\"1\",\"timestamp\":1,\"count\":3000000000}",
                "count",
                "expected INTEGER (an integer in range), got an integer");
        assertViolation(
                preparer,
                "{\"id\":\"1\",\"timestamp\":null}",
                "timestamp",
                "must not be null (TIMESTAMP NOT NULL)");
    }

    @Test
    void schemaAcceptsWhatTheSourceReads() throws Exception {
        EventPreparer preparer = preparer(Enrichment.none(), Optional.of(SCHEMA));

        prepare(
                preparer,
                "{\"id\":7,\"timestamp\":\"2026-01-01T00:00:00.123Z\",\"count\":null,"
                        + "\"properties\":{\"a\":[1]},\"extra\":true}");
        prepare(preparer, "{\"id\":\"x\",\"timestamp\":1767225600000,\"user_id\":\"u\"}");
    }

    @Test
    void generatedIdSatisfiesARequiredId() throws Exception {
        EventPreparer preparer = preparer(new Enrichment(false, true, false), Optional.of(SCHEMA));

        assertThat(MAPPER.readTree(prepare(preparer, "{\"timestamp\":1}")).get("id").asText())
                .hasSize(36);
    }

    private static EventPreparer preparer(Enrichment enrichment, Optional<EventSchema> schema) {
        return new EventPreparer(
                new IngestStream(
                        "s",
                        "t",
                        Optional.of("user_id"),
                        schema.map(EventSchema::table),
                        enrichment),
                schema);
    }

    private static String key(EventPreparer preparer, String json) throws Exception {
        byte[] key = preparer.prepare(json.getBytes(UTF_8), RECEIVED, "10.0.0.1").key();
        return key == null ? null : new String(key, UTF_8);
    }

    private static String prepare(EventPreparer preparer, String json) throws Exception {
        return new String(
                preparer.prepare(json.getBytes(UTF_8), RECEIVED, "10.0.0.1").value(), UTF_8);
    }

    private static void assertViolation(
            EventPreparer preparer, String json, String field, String reason) {
        assertThatThrownBy(() -> prepare(preparer, json))
                .isInstanceOfSatisfying(
                        SchemaViolationException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessage("field \"" + field + "\": " + reason);
    }
}
