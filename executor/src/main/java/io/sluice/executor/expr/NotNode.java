package io.sluice.executor.expr;

import io.sluice.executor.plan.SqlType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** NOT: NULL stays NULL. */
final class NotNode extends ExprNode {
    private final ExprNode operand;
    private final BitVector out;
    private byte[] truth = new byte[0];

    NotNode(ExprNode operand, SqlType type, BufferAllocator allocator) {
        super(type);
        this.operand = operand;
        this.out = (BitVector) type.toArrowField("not").createVector(allocator);
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        truth = Vectors.grow(truth, count);
        Vectors.readTruth(operand.evaluate(input, rows, count), count, truth);
        for (int i = 0; i < count; i++) {
            if (truth[i] != Vectors.NULL) {
                truth[i] = (byte) (1 - truth[i]);
            }
        }
        Vectors.writeTruth(out, truth, count);
        return new ValueView(out, null);
    }

    @Override
    public void close() {
        out.close();
        operand.close();
    }
}
