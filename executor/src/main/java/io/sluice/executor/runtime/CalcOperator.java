package io.sluice.executor.runtime;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.CompiledExpression;
import io.sluice.executor.expr.Expr;
import io.sluice.executor.expr.ExpressionCompiler;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Runs a {@link CalcSpec}: filters a batch, then computes the projections over the rows kept. The
 * output batch is owned by the operator and reused: it is valid until the next call.
 *
 * <p>A projection that is a plain column reference takes the input column's buffers when no row was
 * filtered out (so the input batch loses that column's data), and copies the kept rows otherwise.
 */
public final class CalcOperator implements AutoCloseable {
    private final CalcSpec spec;
    private final CompiledExpression condition;
    private final List<CompiledExpression> projections = new ArrayList<>();
    private final int[] inputColumn;
    private final VectorSchemaRoot output;
    private int[] selection = new int[0];

    public CalcOperator(CalcSpec spec, RowSchema inputSchema, BufferAllocator allocator) {
        this.spec = requireNonNull(spec, "spec is null");
        requireNonNull(inputSchema, "inputSchema is null");
        requireNonNull(allocator, "allocator is null");
        List<AutoCloseable> created = new ArrayList<>();
        try {
            this.condition =
                    spec.condition().isPresent()
                            ? ExpressionCompiler.compile(
                                    spec.condition().get(), inputSchema, allocator)
                            : null;
            if (condition != null) {
                created.add(condition);
            }
            this.inputColumn = new int[spec.projections().size()];
            for (int i = 0; i < spec.projections().size(); i++) {
                Expr projection = spec.projections().get(i);
                SqlType target = spec.outputSchema().column(i).type();
                if (projection.type().kind() != target.kind()) {
                    projection = new Call(Operator.CAST, List.of(projection), target);
                }
                inputColumn[i] =
                        projection instanceof InputRef ? ((InputRef) projection).index() : -1;
                CompiledExpression compiled =
                        ExpressionCompiler.compile(projection, inputSchema, allocator);
                created.add(compiled);
                projections.add(compiled);
            }
            this.output = VectorSchemaRoot.create(spec.outputSchema().toArrowSchema(), allocator);
        } catch (RuntimeException e) {
            for (AutoCloseable closeable : created) {
                closeQuietly(closeable);
            }
            throw e;
        }
    }

    public RowSchema outputSchema() {
        return spec.outputSchema();
    }

    /** Filters and projects {@code input}; returns this operator's output batch. */
    public VectorSchemaRoot process(VectorSchemaRoot input) {
        int rowCount = input.getRowCount();
        int[] rows = null;
        int count = rowCount;
        if (condition != null) {
            if (selection.length < rowCount) {
                selection = new int[Math.max(rowCount, selection.length * 2)];
            }
            count = condition.select(input, selection);
            if (count < rowCount) {
                rows = selection;
            }
        }
        boolean[] transferred = new boolean[input.getFieldVectors().size()];
        List<Integer> transfers = new ArrayList<>();
        for (int i = 0; i < projections.size(); i++) {
            FieldVector target = output.getVector(i);
            int column = inputColumn[i];
            if (column >= 0 && rows == null && !transferred[column]) {
                // moved last, after every other projection has read the input
                transferred[column] = true;
                transfers.add(i);
            } else {
                projections.get(i).evaluateInto(input, rows, count, target);
            }
        }
        for (int i : transfers) {
            FieldVector source = input.getVector(inputColumn[i]);
            TransferPair pair = source.makeTransferPair(output.getVector(i));
            pair.transfer();
        }
        output.setRowCount(count);
        return output;
    }

    @Override
    public void close() {
        output.close();
        if (condition != null) {
            condition.close();
        }
        projections.forEach(CompiledExpression::close);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already failing; the first error is the one to report
        }
    }
}
