package io.sluice.executor.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The ordered columns of a table or batch. */
public record RowSchema(List<Column> columns) {
    @JsonCreator
    public RowSchema(@JsonProperty("columns") List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public int size() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public OptionalInt indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The Arrow schema of batches with these columns. */
    public Schema toArrowSchema() {
        List<Field> fields = new ArrayList<>(columns.size());
        for (Column column : columns) {
            fields.add(column.type().toArrowField(column.name()));
        }
        return new Schema(fields);
    }
}
