package io.sluice.executor.expr;

import org.apache.arrow.vector.FieldVector;

/**
 * The values an expression node produced for a run of rows: value {@code i} is at {@code
 * positions[i]} of {@code vector}, or at {@code i} when {@code positions} is null. Column
 * references read the input vector in place through the selection, and literals read their one-row
 * vector through an all-zero position array, so no node copies its operands.
 */
final class ValueView {
    final FieldVector vector;
    final int[] positions;

    ValueView(FieldVector vector, int[] positions) {
        this.vector = vector;
        this.positions = positions;
    }

    int position(int index) {
        return positions == null ? index : positions[index];
    }
}
