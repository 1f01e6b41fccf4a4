package io.sluice.executor.expr;

import io.sluice.executor.plan.SqlType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * COALESCE: each operand is evaluated only on the rows still NULL after the ones before it. The
 * operands have the call's type (the compiler inserts casts).
 */
final class CoalesceNode extends ExprNode {
    private final List<ExprNode> operands;
    private final FieldVector out;
    private final int[][] operandRows;
    private final ValueView[] views;
    private int[] pending = new int[0];
    private int[] source = new int[0];
    private int[] sourcePosition = new int[0];

    CoalesceNode(List<ExprNode> operands, SqlType type, BufferAllocator allocator) {
        super(type);
        this.operands = List.copyOf(operands);
        this.out = type.toArrowField("coalesce").createVector(allocator);
        this.operandRows = new int[operands.size()][0];
        this.views = new ValueView[operands.size()];
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        pending = Vectors.grow(pending, count);
        source = Vectors.grow(source, count);
        sourcePosition = Vectors.grow(sourcePosition, count);
        for (int i = 0; i < count; i++) {
            pending[i] = i;
            source[i] = -1;
        }
        int pendingCount = count;
        for (int k = 0; k < operands.size() && pendingCount > 0; k++) {
            int[] subRows = operandRows[k] = Vectors.grow(operandRows[k], pendingCount);
            for (int j = 0; j < pendingCount; j++) {
                subRows[j] = rows == null ? pending[j] : rows[pending[j]];
            }
            ValueView view = views[k] = operands.get(k).evaluate(input, subRows, pendingCount);
            int stillPending = 0;
            for (int j = 0; j < pendingCount; j++) {
                int position = view.position(j);
                if (view.vector.isNull(position)) {
                    pending[stillPending++] = pending[j];
                } else {
                    source[pending[j]] = k;
                    sourcePosition[pending[j]] = position;
                }
            }
            pendingCount = stillPending;
        }
        // variable-width vectors must be written in index order, hence the second pass
        Vectors.prepare(out, count);
        for (int i = 0; i < count; i++) {
            if (source[i] >= 0) {
                out.copyFromSafe(sourcePosition[i], i, views[source[i]].vector);
            }
        }
        out.setValueCount(count);
        return new ValueView(out, null);
    }

    @Override
    public void close() {
        out.close();
        operands.forEach(ExprNode::close);
    }
}
