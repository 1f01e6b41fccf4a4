package io.sluice.storage.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.TypeKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Decodes one JSON object per record straight into the vectors of a batch, with a streaming parser:
 * no object trees and no per-record maps. Members are matched to columns by name; unknown members
 * are skipped, missing ones are null. A JSON column receives the member's bytes exactly as they
 * appear in the input, so nested documents are never re-serialised.
 */
final class JsonRowDecoder implements RowDecoder {
    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    /** Standard base64, padded or not: producers differ on padding. */
    private static final Base64Variant BASE64 =
            Base64Variants.MIME_NO_LINEFEEDS.withReadPadding(
                    Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    private static final DateTimeFormatter LOCAL_TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private final Column[] columns;
    private final TimestampFormat timestampFormat;
    private final Map<String, Integer> slots = new HashMap<>();
    private final long[] stamps;
    private final boolean[] decoded;
    private long stamp;
    private FieldVector[] vectors;

    JsonRowDecoder(RowSchema schema) {
        this(schema, Set.of(), TimestampFormat.RFC3339);
    }

    /**
     * @param filledElsewhere columns this decoder neither reads nor nulls, such as Kafka metadata
     *     columns
     * @param timestampFormat how a number in a timestamp column is read
     */
    JsonRowDecoder(RowSchema schema, Set<String> filledElsewhere, TimestampFormat timestampFormat) {
        requireNonNull(schema, "schema is null");
        this.timestampFormat = requireNonNull(timestampFormat, "timestampFormat is null");
        this.columns = schema.columns().toArray(new Column[0]);
        this.stamps = new long[columns.length];
        this.decoded = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (filledElsewhere.contains(columns[i].name())) {
                continue;
            }
            checkSupported(columns[i]);
            slots.put(columns[i].name(), i);
            decoded[i] = true;
        }
    }

    static void checkSupported(Column column) {
        switch (column.type().kind()) {
            case BOOLEAN:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case REAL:
            case DOUBLE:
            case DECIMAL:
            case TEXT:
            case JSON:
            case UUID:
            case DATE:
            case TIMESTAMP:
            case TIMESTAMPTZ:
            case TIME:
            case BYTEA:
                return;
            default:
                throw new io.sluice.executor.error.SluiceException(
                        io.sluice.executor.error.ErrorCode.FEATURE_NOT_SUPPORTED,
                        "column "
                                + column.name()
                                + " has type "
                                + column.type().sqlName()
                                + ", which the json format cannot decode yet");
        }
    }

    @Override
    public void bind(VectorSchemaRoot root) {
        vectors = root.getFieldVectors().toArray(new FieldVector[0]);
    }

    @Override
    public void decode(byte[] data, int row) throws BadRecordException {
        stamp++;
        try (JsonParser parser = JSON.createParser(data, 0, data.length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRecordException("record is not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                Integer slot = slots.get(parser.currentName());
                JsonToken value = parser.nextToken();
                if (slot == null) {
                    parser.skipChildren();
                    continue;
                }
                stamps[slot] = stamp;
                setValue(parser, value, data, slot, row);
            }
            if (token != JsonToken.END_OBJECT) {
                throw new BadRecordException("record is not a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new BadRecordException("unexpected data after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new BadRecordException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRecordException("unreadable JSON: " + e.getMessage());
        }
        for (int i = 0; i < columns.length; i++) {
            if (decoded[i] && stamps[i] != stamp) {
                setNull(i, row);
            }
        }
    }

    private void setNull(int slot, int row) throws BadRecordException {
        if (!columns[slot].type().nullable()) {
            throw new BadRecordException(
                    "missing value for NOT NULL column '" + columns[slot].name() + "'");
        }
        vectors[slot].setNull(row);
    }

    private void setValue(JsonParser parser, JsonToken token, byte[] data, int slot, int row)
            throws IOException, BadRecordException {
        if (token == JsonToken.VALUE_NULL) {
            setNull(slot, row);
            return;
        }
        TypeKind kind = columns[slot].type().kind();
        FieldVector vector = vectors[slot];
        switch (kind) {
            case JSON:
                {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    if (token.isStructStart()) {
                        parser.skipChildren();
                    } else {
                        parser.finishToken();
                    }
                    int end = (int) parser.currentLocation().getByteOffset();
                    ((VarCharVector) vector).setSafe(row, data, start, end - start);
                    return;
                }
            case TEXT:
            case UUID:
                if (token == JsonToken.VALUE_STRING) {
                    setString(parser, data, (VarCharVector) vector, row);
                    return;
                }
                if (token.isNumeric() || token.isBoolean()) {
                    byte[] text = parser.getText().getBytes(UTF_8);
                    ((VarCharVector) vector).setSafe(row, text, 0, text.length);
                    return;
                }
                break;
            case BOOLEAN:
                if (token.isBoolean()) {
                    ((BitVector) vector).setSafe(row, token == JsonToken.VALUE_TRUE ? 1 : 0);
                    return;
                }
                break;
            case SMALLINT:
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    long value = integral(parser, slot, Short.MIN_VALUE, Short.MAX_VALUE);
                    ((SmallIntVector) vector).setSafe(row, (short) value);
                    return;
                }
                break;
            case INTEGER:
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    long value = integral(parser, slot, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    ((IntVector) vector).setSafe(row, (int) value);
                    return;
                }
                break;
            case BIGINT:
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    ((BigIntVector) vector)
                            .setSafe(row, integral(parser, slot, Long.MIN_VALUE, Long.MAX_VALUE));
                    return;
                }
                break;
            case REAL:
                if (token.isNumeric()) {
                    ((Float4Vector) vector).setSafe(row, parser.getFloatValue());
                    return;
                }
                break;
            case DOUBLE:
                if (token.isNumeric()) {
                    ((Float8Vector) vector).setSafe(row, parser.getDoubleValue());
                    return;
                }
                break;
            case DECIMAL:
                if (token.isNumeric() || token == JsonToken.VALUE_STRING) {
                    setDecimal(parser, (DecimalVector) vector, slot, row);
                    return;
                }
                break;
            case DATE:
                if (token == JsonToken.VALUE_STRING) {
                    try {
                        LocalDate date = LocalDate.parse(parser.getText());
                        ((DateDayVector) vector).setSafe(row, (int) date.toEpochDay());
                        return;
                    } catch (DateTimeException e) {
                        throw wrongValue(slot, "a date (YYYY-MM-DD)");
                    }
                }
                break;
            case TIMESTAMP:
            case TIMESTAMPTZ:
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    long factor = timestampFormat.microsPerUnit();
                    long epoch =
                            integral(
                                    parser, slot, Long.MIN_VALUE / factor, Long.MAX_VALUE / factor);
                    ((TimeStampVector) vector).setSafe(row, epoch * factor);
                    return;
                }
                if (token == JsonToken.VALUE_STRING) {
                    ((TimeStampVector) vector)
                            .setSafe(row, parseTimestampMicros(parser.getText(), slot));
                    return;
                }
                break;
            case TIME:
                if (token == JsonToken.VALUE_STRING) {
                    try {
                        LocalTime time = LocalTime.parse(parser.getText());
                        ((TimeMicroVector) vector).setSafe(row, time.toNanoOfDay() / 1000);
                        return;
                    } catch (DateTimeException e) {
                        throw wrongValue(slot, "a time (HH:MM:SS[.ffffff])");
                    }
                }
                break;
            case BYTEA:
                if (token == JsonToken.VALUE_STRING) {
                    try {
                        byte[] bytes = parser.getBinaryValue(BASE64);
                        ((VarBinaryVector) vector).setSafe(row, bytes, 0, bytes.length);
                        return;
                    } catch (JsonParseException e) {
                        throw wrongValue(slot, "a base64 string");
                    }
                }
                break;
            default:
                break;
        }
        throw wrongValue(slot, "a value of type " + columns[slot].type().sqlName());
    }

    /**
     * Copies a string value into a text vector. Without escapes the value's UTF-8 bytes are taken
     * straight from the input (the parser has checked them while finishing the token), which saves
     * decoding to a {@code String} and encoding back.
     */
    private static void setString(JsonParser parser, byte[] data, VarCharVector vector, int row)
            throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset() + 1;
        parser.finishToken();
        int end = (int) parser.currentLocation().getByteOffset() - 1;
        boolean escaped = false;
        for (int i = start; i < end; i++) {
            if (data[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped && start <= end) {
            vector.setSafe(row, data, start, end - start);
        } else {
            byte[] text = parser.getText().getBytes(UTF_8);
            vector.setSafe(row, text, 0, text.length);
        }
    }

    private long integral(JsonParser parser, int slot, long min, long max)
            throws IOException, BadRecordException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw wrongValue(slot, "a number in range");
        }
        long value = parser.getLongValue();
        if (value < min || value > max) {
            throw wrongValue(slot, "a number in range");
        }
        return value;
    }

    private void setDecimal(JsonParser parser, DecimalVector vector, int slot, int row)
            throws IOException, BadRecordException {
        try {
            BigDecimal value =
                    new BigDecimal(parser.getText())
                            .setScale(columns[slot].type().scale(), RoundingMode.UNNECESSARY);
            if (value.precision() > columns[slot].type().precision()) {
                throw wrongValue(slot, "a decimal that fits " + columns[slot].type().sqlName());
            }
            vector.setSafe(row, value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw wrongValue(slot, "a decimal that fits " + columns[slot].type().sqlName());
        }
    }

    private long parseTimestampMicros(String text, int slot) throws BadRecordException {
        long fast = Rfc3339.parseMicros(text);
        if (fast != Rfc3339.NOT_PARSED) {
            return fast;
        }
        try {
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(
                            text, Instant::from, LocalDateTime::from);
            Instant instant =
                    parsed instanceof Instant
                            ? (Instant) parsed
                            : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        } catch (DateTimeException | ArithmeticException e) {
            throw wrongValue(slot, "an RFC 3339 timestamp or " + timestampFormat.describe());
        }
    }

    private BadRecordException wrongValue(int slot, String expected) {
        return new BadRecordException("field '" + columns[slot].name() + "' is not " + expected);
    }
}
