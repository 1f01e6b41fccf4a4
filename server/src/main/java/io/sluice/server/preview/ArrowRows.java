package io.sluice.server.preview;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Copies the rows of an Arrow batch into the Java values pgwire encodes, so the batch's memory can
 * be reused as soon as the sink returns.
 */
final class ArrowRows {
    private static final long MICROS_PER_SECOND = 1_000_000;

    private ArrowRows() {}

    static List<Object[]> copy(VectorSchemaRoot batch, RowSchema schema) {
        int rowCount = batch.getRowCount();
        List<Column> columns = schema.columns();
        List<Object[]> rows = new ArrayList<>(rowCount);
        for (int row = 0; row < rowCount; row++) {
            rows.add(new Object[columns.size()]);
        }
        for (int column = 0; column < columns.size(); column++) {
            FieldVector vector = batch.getVector(column);
            for (int row = 0; row < rowCount; row++) {
                rows.get(row)[column] =
                        vector.isNull(row) ? null : value(vector, row, columns.get(column));
            }
        }
        return rows;
    }

    private static Object value(FieldVector vector, int row, Column column) {
        switch (column.type().kind()) {
            case TEXT:
            case JSON:
            case UUID:
                return new String(((BaseVariableWidthVector) vector).get(row), UTF_8);
            case BYTEA:
                return ((BaseVariableWidthVector) vector).get(row);
            case DATE:
                return LocalDate.ofEpochDay(((DateDayVector) vector).get(row));
            case TIME:
                return LocalTime.ofNanoOfDay(((TimeMicroVector) vector).get(row) * 1000);
            case TIMESTAMP:
                return LocalDateTime.ofInstant(
                        instant(((TimeStampVector) vector).get(row)), ZoneOffset.UTC);
            case TIMESTAMPTZ:
                return instant(((TimeStampVector) vector).get(row));
            default:
                // Booleans and numbers: Arrow's boxed values are the types pgwire expects.
                return vector.getObject(row);
        }
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }
}
