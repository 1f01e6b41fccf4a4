package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonToken;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.TypeKind;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The fields a stream's events must have, taken from a Sluice table's declared columns: a column
 * declared {@code NOT NULL} (or in the primary key) is a required field, and every column present
 * must hold a JSON value the Kafka source can read into its type. Fields the table does not declare
 * are allowed, as the source ignores them.
 */
public final class EventSchema {
    private final String table;
    private final List<Column> columns;
    private final Set<String> primaryKey;

    public EventSchema(String table, RowSchema schema, List<String> primaryKey) {
        this.table = requireNonNull(table, "table is null");
        this.columns = requireNonNull(schema, "schema is null").columns();
        this.primaryKey = Set.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
    }

    public String table() {
        return table;
    }

    /** Checks the event's top-level fields; the first column that does not match is reported. */
    public void check(Map<String, FieldValue> fields) throws SchemaViolationException {
        for (Column column : columns) {
            String name = column.name();
            FieldValue value = fields.get(name);
            boolean required = !column.type().nullable() || primaryKey.contains(name);
            if (value == null || value.isNull()) {
                if (required) {
                    throw new SchemaViolationException(
                            name,
                            value == null
                                    ? "required field is missing"
                                    : "must not be null ("
                                            + column.type().sqlName()
                                            + " NOT NULL)");
                }
                continue;
            }
            if (!matches(column.type().kind(), value)) {
                throw new SchemaViolationException(
                        name, "expected " + expected(column) + ", got " + value.describe());
            }
        }
    }

    private static boolean matches(TypeKind kind, FieldValue value) {
        JsonToken token = value.token();
        return switch (kind) {
            case JSON -> true;
            case TEXT -> token.isScalarValue();
            case BYTEA -> token == JsonToken.VALUE_STRING;
            case BOOLEAN -> token.isBoolean();
            case SMALLINT -> integerIn(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> integerIn(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> integerIn(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case REAL, DOUBLE -> token.isNumeric();
            case DECIMAL ->
                    token.isNumeric()
                            || (token == JsonToken.VALUE_STRING && isDecimal(value.text()));
            case UUID -> token == JsonToken.VALUE_STRING && isUuid(value.text());
            case DATE ->
                    token == JsonToken.VALUE_STRING && parses(() -> LocalDate.parse(value.text()));
            case TIME ->
                    token == JsonToken.VALUE_STRING && parses(() -> LocalTime.parse(value.text()));
            case TIMESTAMP, TIMESTAMPTZ ->
                    integerIn(value, Long.MIN_VALUE / 1000, Long.MAX_VALUE / 1000)
                            || (token == JsonToken.VALUE_STRING && isTimestamp(value.text()));
        };
    }

    private static String expected(Column column) {
        String type = column.type().sqlName();
        return switch (column.type().kind()) {
            case TIMESTAMP, TIMESTAMPTZ -> type + " (an RFC 3339 string or epoch milliseconds)";
            case DATE -> type + " (a YYYY-MM-DD string)";
            case UUID -> type + " (a UUID string)";
            case SMALLINT, INTEGER, BIGINT -> type + " (an integer in range)";
            default -> type;
        };
    }

    private static boolean integerIn(FieldValue value, long min, long max) {
        if (value.token() != JsonToken.VALUE_NUMBER_INT) {
            return false;
        }
        try {
            long number = Long.parseLong(value.text());
            return number >= min && number <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDecimal(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isTimestamp(String text) {
        return parses(
                () ->
                        DateTimeFormatter.ISO_DATE_TIME.parseBest(
                                text, Instant::from, LocalDateTime::from));
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
