package io.sluice.executor.expr;

import static io.sluice.executor.expr.Vectors.FALSE;
import static io.sluice.executor.expr.Vectors.NULL;
import static io.sluice.executor.expr.Vectors.TRUE;

import io.sluice.executor.plan.SqlType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * AND and OR with SQL three-valued logic. Each operand after the first is evaluated only on the
 * rows whose outcome is still open (not FALSE for AND, not TRUE for OR), so a guard such as {@code
 * x <> 0 AND 10 / x > 1} never divides by zero.
 */
final class LogicalNode extends ExprNode {
    private final boolean isAnd;
    private final List<ExprNode> operands;
    private final BitVector out;
    private byte[] truth = new byte[0];
    private byte[] operandTruth = new byte[0];
    private int[] open = new int[0];
    private int[] openRows = new int[0];

    LogicalNode(boolean isAnd, List<ExprNode> operands, SqlType type, BufferAllocator allocator) {
        super(type);
        this.isAnd = isAnd;
        this.operands = List.copyOf(operands);
        this.out = (BitVector) type.toArrowField(isAnd ? "and" : "or").createVector(allocator);
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        truth = Vectors.grow(truth, count);
        operandTruth = Vectors.grow(operandTruth, count);
        open = Vectors.grow(open, count);
        openRows = Vectors.grow(openRows, count);
        byte decided = isAnd ? FALSE : TRUE;

        Vectors.readTruth(operands.get(0).evaluate(input, rows, count), count, truth);
        int openCount = 0;
        for (int i = 0; i < count; i++) {
            if (truth[i] != decided) {
                open[openCount++] = i;
            }
        }
        for (int k = 1; k < operands.size() && openCount > 0; k++) {
            for (int j = 0; j < openCount; j++) {
                openRows[j] = rows == null ? open[j] : rows[open[j]];
            }
            ValueView view = operands.get(k).evaluate(input, openRows, openCount);
            Vectors.readTruth(view, openCount, operandTruth);
            int stillOpen = 0;
            for (int j = 0; j < openCount; j++) {
                int i = open[j];
                byte value = operandTruth[j];
                if (value == decided) {
                    truth[i] = decided;
                } else {
                    if (value == NULL) {
                        truth[i] = NULL;
                    }
                    open[stillOpen++] = i;
                }
            }
            openCount = stillOpen;
        }
        Vectors.writeTruth(out, truth, count);
        return new ValueView(out, null);
    }

    @Override
    public void close() {
        out.close();
        operands.forEach(ExprNode::close);
    }
}
