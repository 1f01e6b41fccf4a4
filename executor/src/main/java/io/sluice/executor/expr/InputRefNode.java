package io.sluice.executor.expr;

import io.sluice.executor.plan.SqlType;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Reads an input column in place through the row selection. */
final class InputRefNode extends ExprNode {
    final int index;

    InputRefNode(int index, SqlType type) {
        super(type);
        this.index = index;
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        return new ValueView(input.getVector(index), rows);
    }
}
