package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Columns a Kafka source fills from the record rather than its value ({@code METADATA FROM 'key'}):
 * the offset, partition, topic, timestamp or key of each record.
 */
final class MetadataColumns {
    /** A record property a column can be filled from. */
    enum Key {
        OFFSET_ID("offset_id", Set.of(TypeKind.BIGINT)),
        PARTITION("partition", Set.of(TypeKind.INTEGER, TypeKind.BIGINT)),
        TOPIC("topic", Set.of(TypeKind.TEXT)),
        TIMESTAMP("timestamp", Set.of(TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ)),
        KEY("key", Set.of(TypeKind.TEXT, TypeKind.BYTEA));

        private final String sqlName;
        private final Set<TypeKind> types;

        Key(String sqlName, Set<TypeKind> types) {
            this.sqlName = sqlName;
            this.types = types;
        }

        static Key of(String name) {
            for (Key key : values()) {
                if (key.sqlName.equals(name.toLowerCase(Locale.ROOT))) {
                    return key;
                }
            }
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "unknown Kafka metadata key '"
                            + name
                            + "'; valid keys are offset_id, partition, topic, timestamp and key");
        }
    }

    private final int[] slots;
    private final Key[] keys;
    private final Map<String, Key> byColumn;
    private FieldVector[] vectors;

    private MetadataColumns(int[] slots, Key[] keys, Map<String, Key> byColumn) {
        this.slots = slots;
        this.keys = keys;
        this.byColumn = byColumn;
    }

    /**
     * Parses the {@code metadata_columns} option, {@code column=key[,column=key...]}, and checks
     * each column against the schema.
     */
    static MetadataColumns parse(String option, RowSchema schema) {
        requireNonNull(schema, "schema is null");
        Map<String, Key> byColumn = new LinkedHashMap<>();
        List<Integer> slots = new ArrayList<>();
        if (option != null && !option.isBlank()) {
            for (String entry : option.split(",")) {
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    throw new SluiceException(
                            ErrorCode.INVALID_OPTION,
                            "metadata_columns takes column=key pairs, got '" + entry + "'");
                }
                String column = entry.substring(0, equals).strip();
                Key key = Key.of(entry.substring(equals + 1).strip());
                int slot =
                        schema.indexOf(column)
                                .orElseThrow(
                                        () ->
                                                new SluiceException(
                                                        ErrorCode.UNDEFINED_COLUMN,
                                                        "metadata column \""
                                                                + column
                                                                + "\" does not exist"));
                Column declared = schema.column(slot);
                if (!key.types.contains(declared.type().kind())) {
                    throw new SluiceException(
                            ErrorCode.DATATYPE_MISMATCH,
                            "column \""
                                    + column
                                    + "\" of type "
                                    + declared.type().sqlName()
                                    + " cannot hold Kafka metadata '"
                                    + key.sqlName
                                    + "'");
                }
                byColumn.put(column, key);
                slots.add(slot);
            }
        }
        return new MetadataColumns(
                slots.stream().mapToInt(Integer::intValue).toArray(),
                byColumn.values().toArray(new Key[0]),
                byColumn);
    }

    /** The columns filled here, which the value decoder leaves alone. */
    Set<String> columns() {
        return byColumn.keySet();
    }

    boolean isEmpty() {
        return slots.length == 0;
    }

    void bind(VectorSchemaRoot root) {
        vectors = root.getFieldVectors().toArray(new FieldVector[0]);
    }

    /** Writes the metadata of {@code record} into row {@code row}. */
    void write(ConsumerRecord<byte[], byte[]> record, int row) {
        for (int i = 0; i < slots.length; i++) {
            FieldVector vector = vectors[slots[i]];
            switch (keys[i]) {
                case OFFSET_ID -> ((BigIntVector) vector).setSafe(row, record.offset());
                case PARTITION -> {
                    if (vector instanceof IntVector ints) {
                        ints.setSafe(row, record.partition());
                    } else {
                        ((BigIntVector) vector).setSafe(row, record.partition());
                    }
                }
                case TOPIC ->
                        ((VarCharVector) vector)
                                .setSafe(row, record.topic().getBytes(StandardCharsets.UTF_8));
                case TIMESTAMP -> {
                    if (record.timestamp() < 0) {
                        ((BaseFixedWidthVector) vector).setNull(row);
                    } else {
                        // Kafka timestamps are epoch milliseconds; Sluice timestamps are micros.
                        ((TimeStampVector) vector).setSafe(row, record.timestamp() * 1000L);
                    }
                }
                case KEY -> {
                    byte[] key = record.key();
                    if (key == null) {
                        if (vector instanceof VarCharVector text) {
                            text.setNull(row);
                        } else {
                            ((VarBinaryVector) vector).setNull(row);
                        }
                    } else if (vector instanceof VarCharVector text) {
                        text.setSafe(row, key);
                    } else {
                        ((VarBinaryVector) vector).setSafe(row, key);
                    }
                }
            }
        }
    }
}
