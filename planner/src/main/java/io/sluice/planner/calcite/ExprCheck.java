package io.sluice.planner.calcite;

import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.CompiledExpression;
import io.sluice.executor.expr.Expr;
import io.sluice.executor.expr.ExpressionCompiler;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;

/** Compiles the function calls of a translated expression once, and discards them. */
final class ExprCheck {
    private ExprCheck() {}

    /** The functions whose arguments the executor checks when it compiles them. */
    private static final Set<Operator> FUNCTIONS =
            EnumSet.range(Operator.ILIKE, Operator.GET_FIRST_JSON_OBJECT);

    /**
     * Compiles every function call in {@code expr} (with its arguments), so that a bad constant
     * argument — a pattern, a unit, a JSON path — fails planning instead of the pipeline's start.
     */
    static void check(Expr expr) {
        if (expr instanceof Call call) {
            if (FUNCTIONS.contains(call.operator())) {
                compile(call);
            } else {
                call.operands().forEach(ExprCheck::check);
            }
        }
    }

    private static void compile(Expr expr) {
        Map<Integer, SqlType> references = new TreeMap<>();
        collect(expr, references);
        int size =
                references.isEmpty() ? 0 : ((TreeMap<Integer, SqlType>) references).lastKey() + 1;
        List<Column> columns = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            columns.add(
                    new Column("c" + i, references.getOrDefault(i, SqlType.of(TypeKind.BOOLEAN))));
        }
        try (RootAllocator allocator = new RootAllocator();
                CompiledExpression compiled =
                        ExpressionCompiler.compile(expr, new RowSchema(columns), allocator)) {
            // compiling is the check
        }
    }

    private static void collect(Expr expr, Map<Integer, SqlType> references) {
        if (expr instanceof InputRef ref) {
            references.put(ref.index(), ref.type());
        } else if (expr instanceof Call call) {
            call.operands().forEach(operand -> collect(operand, references));
        }
    }
}
