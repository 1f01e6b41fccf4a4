package io.sluice.executor.expr;

import io.sluice.executor.plan.SqlType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code CASE WHEN c1 THEN v1 ... ELSE e END}: each condition is evaluated only on the rows no
 * earlier condition matched, and each value only on the rows its condition matched, so a value that
 * would fail (a division by zero) on rows it does not apply to is never computed there. A NULL
 * condition does not match. The values have the call's type (the compiler inserts casts).
 */
final class CaseNode extends ExprNode {
    private final List<ExprNode> conditions;
    private final List<ExprNode> values;
    private final ExprNode otherwise;
    private final FieldVector out;
    private final ValueView[] views;
    private int[] pending = new int[0];
    private int[] matched = new int[0];
    private int[] subRows = new int[0];
    private int[] source = new int[0];
    private int[] sourcePosition = new int[0];

    /**
     * @param conditions the WHEN conditions, BOOLEAN
     * @param values the THEN values, one per condition
     * @param otherwise the ELSE value
     */
    CaseNode(
            List<ExprNode> conditions,
            List<ExprNode> values,
            ExprNode otherwise,
            SqlType type,
            BufferAllocator allocator) {
        super(type);
        if (conditions.size() != values.size() || conditions.isEmpty()) {
            throw new IllegalArgumentException("CASE needs one value per condition");
        }
        this.conditions = List.copyOf(conditions);
        this.values = List.copyOf(values);
        this.otherwise = otherwise;
        this.out = type.toArrowField("case").createVector(allocator);
        this.views = new ValueView[values.size() + 1];
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        pending = Vectors.grow(pending, count);
        matched = Vectors.grow(matched, count);
        subRows = Vectors.grow(subRows, count);
        source = Vectors.grow(source, count);
        sourcePosition = Vectors.grow(sourcePosition, count);
        for (int i = 0; i < count; i++) {
            pending[i] = i;
            source[i] = -1;
        }
        int pendingCount = count;
        for (int k = 0; k < conditions.size() && pendingCount > 0; k++) {
            for (int j = 0; j < pendingCount; j++) {
                subRows[j] = rows == null ? pending[j] : rows[pending[j]];
            }
            ValueView condition = conditions.get(k).evaluate(input, subRows, pendingCount);
            BitVector bits = (BitVector) condition.vector;
            int matchedCount = 0;
            int stillPending = 0;
            for (int j = 0; j < pendingCount; j++) {
                int position = condition.position(j);
                if (!bits.isNull(position) && bits.get(position) == 1) {
                    matched[matchedCount++] = pending[j];
                } else {
                    pending[stillPending++] = pending[j];
                }
            }
            pendingCount = stillPending;
            if (matchedCount > 0) {
                take(k, values.get(k), input, rows, matched, matchedCount);
            }
        }
        if (pendingCount > 0) {
            take(values.size(), otherwise, input, rows, pending, pendingCount);
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

    /** Evaluates {@code value} on the given output positions and records where each row's is. */
    private void take(
            int branch,
            ExprNode value,
            VectorSchemaRoot input,
            int[] rows,
            int[] positions,
            int positionCount) {
        int[] branchRows = new int[positionCount];
        for (int j = 0; j < positionCount; j++) {
            branchRows[j] = rows == null ? positions[j] : rows[positions[j]];
        }
        ValueView view = views[branch] = value.evaluate(input, branchRows, positionCount);
        for (int j = 0; j < positionCount; j++) {
            int position = view.position(j);
            if (!view.vector.isNull(position)) {
                source[positions[j]] = branch;
                sourcePosition[positions[j]] = position;
            }
        }
    }

    @Override
    public void close() {
        out.close();
        conditions.forEach(ExprNode::close);
        values.forEach(ExprNode::close);
        otherwise.close();
    }
}
