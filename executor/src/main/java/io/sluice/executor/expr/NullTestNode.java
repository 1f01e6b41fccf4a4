package io.sluice.executor.expr;

import io.sluice.executor.plan.SqlType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** IS NULL and IS NOT NULL; never NULL itself. */
final class NullTestNode extends ExprNode {
    private final ExprNode operand;
    private final int whenNull;
    private final BitVector out;

    NullTestNode(ExprNode operand, boolean isNull, SqlType type, BufferAllocator allocator) {
        super(type);
        this.operand = operand;
        this.whenNull = isNull ? 1 : 0;
        this.out = (BitVector) type.toArrowField("null_test").createVector(allocator);
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        ValueView view = operand.evaluate(input, rows, count);
        Vectors.prepare(out, count);
        for (int i = 0; i < count; i++) {
            out.set(i, view.vector.isNull(view.position(i)) ? whenNull : 1 - whenNull);
        }
        out.setValueCount(count);
        return new ValueView(out, null);
    }

    @Override
    public void close() {
        out.close();
        operand.close();
    }
}
