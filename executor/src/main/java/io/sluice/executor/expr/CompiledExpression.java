package io.sluice.executor.expr;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An expression ready to run over batches. Not thread-safe: one instance per subtask. Holds scratch
 * vectors, released by {@link #close()}.
 */
public final class CompiledExpression implements AutoCloseable {
    private final ExprNode root;
    private final FieldVector result;

    CompiledExpression(ExprNode root, BufferAllocator allocator) {
        this.root = requireNonNull(root, "root is null");
        this.result = root.type.toArrowField("result").createVector(allocator);
    }

    public SqlType type() {
        return root.type;
    }

    /** Whether the expression is a plain reference to an input column. */
    public boolean isInputReference() {
        return root instanceof InputRefNode;
    }

    /**
     * Evaluates the expression for input rows {@code rows[0..count)} (all rows {@code 0..count)
     * when {@code rows} is null) and puts the {@code count} results into {@code target}, replacing
     * its contents. {@code target} must be a vector of this expression's type.
     */
    public void evaluateInto(VectorSchemaRoot input, int[] rows, int count, FieldVector target) {
        ValueView view = root.evaluate(input, rows, count);
        if (view.positions == null && !(root instanceof InputRefNode)) {
            // the node's own scratch vector: hand its buffers over instead of copying
            view.vector.makeTransferPair(target).transfer();
            target.setValueCount(count);
            return;
        }
        Vectors.prepare(target, count);
        for (int i = 0; i < count; i++) {
            target.copyFromSafe(view.position(i), i, view.vector);
        }
        target.setValueCount(count);
    }

    /** Evaluates over all rows of {@code input}; the vector is owned by this expression. */
    public FieldVector evaluate(VectorSchemaRoot input) {
        evaluateInto(input, null, input.getRowCount(), result);
        return result;
    }

    /**
     * For a BOOLEAN expression: writes into {@code selected} the indexes of the rows of {@code
     * input} for which it is TRUE (NULL and FALSE rows are dropped) and returns how many there are.
     *
     * @param selected at least {@code input.getRowCount()} long
     */
    public int select(VectorSchemaRoot input, int[] selected) {
        if (root.type.kind() != TypeKind.BOOLEAN) {
            throw new IllegalStateException("not a predicate: " + root.type.kind());
        }
        int rowCount = input.getRowCount();
        ValueView view = root.evaluate(input, null, rowCount);
        BitVector bits = (BitVector) view.vector;
        int count = 0;
        for (int i = 0; i < rowCount; i++) {
            int p = view.position(i);
            if (!bits.isNull(p) && bits.get(p) != 0) {
                selected[count++] = i;
            }
        }
        return count;
    }

    @Override
    public void close() {
        result.close();
        root.close();
    }
}
