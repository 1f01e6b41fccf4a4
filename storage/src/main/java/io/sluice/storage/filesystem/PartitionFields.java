package io.sluice.storage.filesystem;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.TypeKind;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hive-style partition directories ({@code field=value/...}) from the values of the {@code
 * partitioning.fields} columns; a null value is written as {@value #NULL_VALUE}.
 */
final class PartitionFields {
    static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";
    private static final Set<TypeKind> SUPPORTED =
            Set.of(
                    TypeKind.TEXT,
                    TypeKind.SMALLINT,
                    TypeKind.INTEGER,
                    TypeKind.BIGINT,
                    TypeKind.BOOLEAN,
                    TypeKind.DATE);

    private final List<String> names;
    private final int[] columns;

    private PartitionFields(List<String> names, int[] columns) {
        this.names = List.copyOf(names);
        this.columns = requireNonNull(columns, "columns is null");
    }

    static PartitionFields of(List<String> names, RowSchema schema) {
        int[] columns = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            OptionalInt index = schema.indexOf(name);
            if (index.isEmpty()) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "partitioning.fields names '" + name + "', which is not a column");
            }
            TypeKind kind = schema.column(index.getAsInt()).type().kind();
            if (!SUPPORTED.contains(kind)) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "partitioning.fields: column '"
                                + name
                                + "' of type "
                                + kind
                                + " cannot partition; use TEXT, an integer, BOOLEAN or DATE");
            }
            columns[i] = index.getAsInt();
        }
        return new PartitionFields(names, columns);
    }

    List<String> names() {
        return names;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** The values of row {@code row}, as Delta records them (text; null for SQL NULL). */
    Map<String, String> values(VectorSchemaRoot batch, int row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            values.put(names.get(i), text(batch.getVector(columns[i]), row));
        }
        return values;
    }

    /** The directory path for {@code values}: {@code k1=v1/k2=v2}. */
    static String directory(Map<String, String> values) {
        List<String> parts = new ArrayList<>();
        values.forEach(
                (name, value) ->
                        parts.add(
                                escape(name) + "=" + (value == null ? NULL_VALUE : escape(value))));
        return String.join("/", parts);
    }

    private static String text(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof VarCharVector) {
            return new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
        }
        if (vector instanceof DateDayVector) {
            return LocalDate.ofEpochDay(((DateDayVector) vector).get(row)).toString();
        }
        return String.valueOf(vector.getObject(row));
    }

    /** Percent-encodes what cannot appear in a path segment, as Hive does. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '-'
                            || c == '_'
                            || c == '.'
                            || c == ' ';
            if (plain && !(out.length() == 0 && c == '.')) {
                out.append(c);
            } else {
                out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", (int) c));
            }
        }
        return out.toString();
    }
}
