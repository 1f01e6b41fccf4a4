package io.sluice.executor.expr;

import io.sluice.executor.plan.SqlType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A function whose body is a {@link Kernel}: the operands are evaluated, then one kernel call. */
final class FunctionNode extends ExprNode {
    private final List<ExprNode> operands;
    private final Kernel kernel;
    private final FieldVector out;
    private final ValueView[] views;

    FunctionNode(
            String name,
            List<ExprNode> operands,
            Kernel kernel,
            SqlType type,
            BufferAllocator allocator) {
        super(type);
        this.operands = List.copyOf(operands);
        this.kernel = kernel;
        this.out = type.toArrowField(name).createVector(allocator);
        this.views = new ValueView[operands.size()];
    }

    @Override
    ValueView evaluate(VectorSchemaRoot input, int[] rows, int count) {
        for (int i = 0; i < views.length; i++) {
            views[i] = operands.get(i).evaluate(input, rows, count);
        }
        Vectors.prepare(out, count);
        kernel.apply(views, count, out);
        out.setValueCount(count);
        return new ValueView(out, null);
    }

    @Override
    public void close() {
        out.close();
        operands.forEach(ExprNode::close);
    }
}
