package io.sluice.executor.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Builds and reads small Arrow batches from Java values for tests. */
public final class Batches {
    private Batches() {}

    public static RowSchema schema(Object... namesAndKinds) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            columns.add(
                    new Column(
                            (String) namesAndKinds[i],
                            SqlType.of((TypeKind) namesAndKinds[i + 1])));
        }
        return new RowSchema(columns);
    }

    /** A batch of {@code rows}; values: Boolean, Number, String (text kinds), Long micros. */
    public static VectorSchemaRoot batch(
            BufferAllocator allocator, RowSchema schema, List<List<Object>> rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema.toArrowSchema(), allocator);
        root.allocateNew();
        for (int column = 0; column < schema.size(); column++) {
            FieldVector vector = root.getVector(column);
            for (int row = 0; row < rows.size(); row++) {
                set(vector, row, rows.get(row).get(column));
            }
            vector.setValueCount(rows.size());
        }
        root.setRowCount(rows.size());
        return root;
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static void set(FieldVector vector, int row, Object value) {
        if (value == null) {
            if (vector instanceof VarCharVector) {
                ((VarCharVector) vector).setNull(row);
            }
            return;
        }
        if (vector instanceof BitVector) {
            ((BitVector) vector).setSafe(row, (Boolean) value ? 1 : 0);
        } else if (vector instanceof SmallIntVector) {
            ((SmallIntVector) vector).setSafe(row, ((Number) value).shortValue());
        } else if (vector instanceof IntVector) {
            ((IntVector) vector).setSafe(row, ((Number) value).intValue());
        } else if (vector instanceof BigIntVector) {
            ((BigIntVector) vector).setSafe(row, ((Number) value).longValue());
        } else if (vector instanceof Float8Vector) {
            ((Float8Vector) vector).setSafe(row, ((Number) value).doubleValue());
        } else if (vector instanceof VarCharVector) {
            ((VarCharVector) vector).setSafe(row, ((String) value).getBytes(UTF_8));
        } else if (vector instanceof TimeStampVector) {
            ((TimeStampVector) vector).setSafe(row, ((Number) value).longValue());
        } else {
            throw new IllegalArgumentException("unsupported vector " + vector.getClass());
        }
    }

    /** The values of {@code vector}: Long, Double, Boolean, String or null. */
    public static List<Object> values(FieldVector vector) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < vector.getValueCount(); i++) {
            values.add(value(vector, i));
        }
        return values;
    }

    public static Object value(FieldVector vector, int i) {
        if (vector.isNull(i)) {
            return null;
        }
        if (vector instanceof VarCharVector) {
            return new String(((VarCharVector) vector).get(i), UTF_8);
        }
        if (vector instanceof TimeStampVector) {
            return ((TimeStampVector) vector).get(i);
        }
        Object object = vector.getObject(i);
        if (object instanceof Short || object instanceof Integer) {
            return ((Number) object).longValue();
        }
        return object;
    }

    public static List<List<Object>> rows(VectorSchemaRoot root) {
        List<List<Object>> rows = new ArrayList<>();
        for (int row = 0; row < root.getRowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
                values.add(value(vector, row));
            }
            rows.add(values);
        }
        return rows;
    }
}
