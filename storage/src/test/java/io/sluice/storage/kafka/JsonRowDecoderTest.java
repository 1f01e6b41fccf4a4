package io.sluice.storage.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonRowDecoderTest {
    private static final RowSchema SCHEMA =
            new RowSchema(
                    List.of(
                            new Column("at", SqlType.of(TypeKind.TIMESTAMP)),
                            new Column("clock", SqlType.of(TypeKind.TIME)),
                            new Column("blob", SqlType.of(TypeKind.BYTEA))));
    private static final long MICROS =
            ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2025-01-15T17:24:53Z"));

    private BufferAllocator allocator;
    private VectorSchemaRoot root;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        root = VectorSchemaRoot.create(SCHEMA.toArrowSchema(), allocator);
        root.allocateNew();
    }

    @AfterEach
    void tearDown() {
        root.close();
        allocator.close();
    }

    private JsonRowDecoder decoder(TimestampFormat format) {
        JsonRowDecoder decoder = new JsonRowDecoder(SCHEMA, Set.of(), format);
        decoder.bind(root);
        return decoder;
    }

    private static byte[] json(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    void numericTimestampsFollowTheTimestampFormat() throws Exception {
        decoder(TimestampFormat.RFC3339).decode(json("{\"at\": " + MICROS / 1000 + "}"), 0);
        decoder(TimestampFormat.UNIX_MILLIS).decode(json("{\"at\": " + MICROS / 1000 + "}"), 1);
        decoder(TimestampFormat.UNIX_SECONDS)
                .decode(json("{\"at\": " + MICROS / 1000_000 + "}"), 2);
        decoder(TimestampFormat.UNIX_MICROS).decode(json("{\"at\": " + MICROS + "}"), 3);
        decoder(TimestampFormat.UNIX_SECONDS).decode(json("{\"at\": \"2025-01-15T17:24:53Z\"}"), 4);
        TimeStampVector at = (TimeStampVector) root.getVector("at");
        for (int row = 0; row < 5; row++) {
            assertThat(at.get(row)).as("row %s", row).isEqualTo(MICROS);
        }
    }

    @Test
    void timestampFastPathAgreesWithJavaTime() throws Exception {
        List<String> texts =
                List.of(
                        "2025-01-15T17:24:53Z",
                        "2025-01-15T17:24:53.123456Z",
                        "2025-01-15T17:24:53.5+02:00",
                        "2024-02-29T23:59:59-05:30",
                        "1969-12-31T23:59:59.999999Z",
                        "2025-01-15T17:24:53",
                        "2025-01-15T17:24:53.123456789Z");
        JsonRowDecoder decoder = decoder(TimestampFormat.RFC3339);
        TimeStampVector at = (TimeStampVector) root.getVector("at");
        for (int row = 0; row < texts.size(); row++) {
            String text = texts.get(row);
            decoder.decode(json("{\"at\": \"" + text + "\"}"), row);
            Instant expected =
                    text.length() == 19
                            ? Instant.parse(text + "Z")
                            : java.time.OffsetDateTime.parse(text).toInstant();
            assertThat(at.get(row))
                    .as(text)
                    .isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, expected));
        }
        assertThatThrownBy(() -> decoder.decode(json("{\"at\": \"2025-02-30T00:00:00Z\"}"), 0))
                .isInstanceOf(BadRecordException.class);
    }

    @Test
    void textWithEscapesIsUnescaped() throws Exception {
        RowSchema schema = new RowSchema(List.of(new Column("name", SqlType.of(TypeKind.TEXT))));
        try (VectorSchemaRoot text = VectorSchemaRoot.create(schema.toArrowSchema(), allocator)) {
            text.allocateNew();
            JsonRowDecoder decoder = new JsonRowDecoder(schema, Set.of(), TimestampFormat.RFC3339);
            decoder.bind(text);
            decoder.decode(json("{\"name\": \"plain é\"}"), 0);
            decoder.decode(json("{\"name\": \"a\\\"b\\u00e9\"}"), 1);
            decoder.decode(json("{\"name\": \"\"}"), 2);
            assertThat(text.getVector(0).getObject(0).toString()).isEqualTo("plain é");
            assertThat(text.getVector(0).getObject(1).toString()).isEqualTo("a\"bé");
            assertThat(text.getVector(0).getObject(2).toString()).isEmpty();
        }
    }

    @Test
    void timeAndByteaColumnsAreDecoded() throws Exception {
        decoder(TimestampFormat.RFC3339)
                .decode(json("{\"clock\": \"17:24:53.250\", \"blob\": \"AAEC/w==\"}"), 0);
        assertThat(((TimeMicroVector) root.getVector("clock")).get(0))
                .isEqualTo(LocalTime.parse("17:24:53.250").toNanoOfDay() / 1000);
        assertThat(((VarBinaryVector) root.getVector("blob")).get(0))
                .containsExactly(0, 1, 2, (byte) 0xff);
        decoder(TimestampFormat.RFC3339).decode(json("{\"blob\": \"AAEC/w\"}"), 1);
        assertThat(((VarBinaryVector) root.getVector("blob")).get(1))
                .containsExactly(0, 1, 2, (byte) 0xff);
    }

    @Test
    void malformedTimeAndBytesAreBadRecords() {
        JsonRowDecoder decoder = decoder(TimestampFormat.RFC3339);
        assertThatThrownBy(() -> decoder.decode(json("{\"clock\": \"25:99\"}"), 0))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("field 'clock' is not a time");
        assertThatThrownBy(() -> decoder.decode(json("{\"blob\": \"not base64!\"}"), 0))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("field 'blob' is not a base64 string");
        assertThatThrownBy(() -> decoder.decode(json("{\"blob\": 12}"), 0))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("field 'blob' is not");
    }
}
